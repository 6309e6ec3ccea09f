package io.strata.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.contract.DirectoryContractRepository;
import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.store.ObjectInfo;
import io.strata.core.testing.LogCapture;
import io.strata.core.testing.TestCatalogs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever breaks in a file, the values of its PII columns never reach a log line, a result, a
 * quarantine report or a rejects file unprotected: each drop below carries the same personal data
 * (an IBAN, a name, an e-mail address, a birth date) into a different failure, and every text the
 * ingest produced is searched for it.
 */
class PiiStaysOutOfLogsAndReportsTest {

  private static final String RAW = "strata-raw";
  private static final String HISTORY = "strata-history";
  private static final String IBAN = "GB33BUKB20201555555555";
  private static final String NAME = "Jane Sentinel";
  private static final String EMAIL = "jane.sentinel@example.com";
  private static final String BIRTH = "1961-07-13";
  private static final List<String> PERSONAL = List.of(IBAN, "GB33BUKB", NAME, EMAIL, BIRTH);

  private static final String CUSTOMERS =
      """
      name: customers
      version: 1
      format: csv
      columns:
        - {name: customer_id, type: string, required: true, rules: {pattern: "^C[0-9]{4}$"}}
        - {name: full_name, type: string, required: true, pii: drop}
        - name: iban
          type: string
          required: true
          pii: {mask: {keep_last: 4}}
          rules: {pattern: "^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$"}
        - {name: email, type: string, pii: hash, rules: {max_length: 20}}
        - {name: birth_date, type: date, pii: drop}
      key: [customer_id]
      """;
  private static final String EVENTS =
      """
      name: customer_events
      version: 1
      format: jsonl
      columns:
        - {name: email, type: string, required: true, pii: hash}
        - {name: iban, type: string, pii: mask}
        - {name: event, type: string, required: true, rules: {allowed: [login, logout]}}
      key: [email]
      """;
  private static final String HEADER = "customer_id,full_name,iban,email,birth_date\n";
  private static final String ROW = "C0001," + NAME + "," + IBAN + "," + EMAIL + "," + BIRTH + "\n";
  private static final String EVENT =
      "{\"email\":\"" + EMAIL + "\",\"iban\":\"" + IBAN + "\",\"event\":\"login\"}\n";

  @TempDir Path lake;
  @TempDir Path datasets;
  private FileSystemObjectStore store;
  private IngestService service;

  @BeforeEach
  void setUp() throws IOException {
    Files.writeString(datasets.resolve("customers.yaml"), CUSTOMERS);
    Files.writeString(datasets.resolve("customer_events.yaml"), EVENTS);
    store = new FileSystemObjectStore(lake);
    service =
        new IngestService(
            store,
            new DirectoryContractRepository(datasets),
            TestCatalogs.tables(store, HISTORY),
            IngestSettings.defaults(HISTORY, "test-hash-key".getBytes(StandardCharsets.UTF_8)),
            Clock.fixed(Instant.parse("2024-01-15T06:01:00Z"), ZoneOffset.UTC));
  }

  static Stream<Arguments> brokenDrops() {
    return Stream.of(
        drop("customers/header-missing.csv", ROW + ROW.replace("C0001", "C0002")),
        drop(
            "customers/header-missing-repeated-value.csv",
            "C0001," + NAME + "," + NAME + "," + IBAN + "," + IBAN + "\n"),
        drop("customers/unclosed-quote.csv", HEADER + "C0001,\"" + NAME + "," + IBAN + "\n"),
        drop(
            "customers/text-after-quote.csv",
            HEADER + "C0001,\"" + NAME + "\"" + IBAN + "," + EMAIL + ",\n"),
        drop("customers/ragged.csv", HEADER + ROW.replace("\n", "," + IBAN + "," + NAME + "\n")),
        drop(
            "customers/broken-rules.csv",
            HEADER + "C0001," + NAME + "," + IBAN + "!," + EMAIL + "," + BIRTH + "x\n"),
        drop("customers/duplicate-key.csv", HEADER + ROW + ROW),
        Arguments.of(
            "customers/invalid-utf8.csv",
            concat(
                utf8(HEADER + "C0001," + NAME + "," + IBAN + ","),
                new byte[] {(byte) 0xC3, (byte) 0x28},
                utf8("," + BIRTH + "\n"))),
        drop("customer_events/unterminated.jsonl", EVENT.replace("}\n", "\n")),
        drop(
            "customer_events/unexpected-member.jsonl",
            "{\"" + IBAN + "\":1,\"email\":\"x\",\"event\":\"login\"}\n"),
        drop(
            "customer_events/nested.jsonl",
            EVENT.replace("\"" + EMAIL + "\"", "[\"" + EMAIL + "\"]")),
        drop(
            "customer_events/duplicate-member.jsonl",
            EVENT.replace("{", "{\"iban\":\"" + IBAN + "\",")),
        drop("customer_events/not-an-object.jsonl", "[\"" + IBAN + "\",\"" + EMAIL + "\"]\n"),
        drop(
            "customer_events/bare-token.jsonl",
            "{\"iban\":" + IBAN + ",\"email\":\"" + EMAIL + "\"}\n"),
        drop("customer_events/duplicate-key.jsonl", EVENT + EVENT),
        drop("customer_events/not-allowed.jsonl", EVENT.replace("login", "logon")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenDrops")
  void noPersonalValueReachesALogLineAResultOrAReport(String key, byte[] content) {
    // given
    store.put(RAW, key, content, "application/octet-stream");
    ObjectInfo info = store.head(RAW, key).orElseThrow();
    RawObjectRef raw =
        new RawObjectRef(
            RAW, key, null, info.eTag(), info.size(), Instant.parse("2024-01-15T06:00:00Z"));

    // when
    LogCapture.Captured<IngestResult> ingest = LogCapture.during(() -> service.ingest(raw));

    // then the file was refused (or its rows were), logged and reported ...
    assertThat(ingest.result().outcome()).isEqualTo(IngestOutcome.QUARANTINED);
    assertThat(ingest.log()).contains("Quarantined s3://strata-raw/" + key);
    List<String> reports = reportTexts();
    assertThat(reports).isNotEmpty();
    // ... and none of it holds a personal value
    for (String text : concat(ingest.log(), ingest.result().toString(), reports)) {
      assertThat(text).doesNotContain(PERSONAL);
    }
  }

  /** Every object the ingest wrote, except Parquet and the quarantined copy of the raw file. */
  private List<String> reportTexts() {
    return store.list(HISTORY, "").stream()
        .map(ObjectInfo::key)
        .filter(k -> !k.endsWith(".parquet") && !k.contains("/source/"))
        .map(this::text)
        .toList();
  }

  private String text(String key) {
    try (InputStream in = store.open(HISTORY, key)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> concat(String log, String result, List<String> reports) {
    return Stream.concat(Stream.of(log, result), reports.stream()).toList();
  }

  private static Arguments drop(String key, String content) {
    return Arguments.of(key, utf8(content));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      bytes.writeBytes(part);
    }
    return bytes.toByteArray();
  }
}
