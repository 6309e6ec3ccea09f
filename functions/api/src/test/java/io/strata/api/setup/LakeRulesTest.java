package io.strata.api.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.api.error.ApiException;
import io.strata.core.contract.DirectoryContractRepository;
import io.strata.core.rules.Location;
import io.strata.core.rules.RuleFiles;
import io.strata.core.store.FileSystemObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import org.jboss.logmanager.LogContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules as the API reads them from a copy of the repository's datasets folder. */
class LakeRulesTest {

  private static final Path DATASETS = Path.of("../../datasets");
  private static final String BROKEN_TYPE = "type: decmial(18,2)";

  @TempDir Path dir;

  private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void copyTheDatasetsAndListen() throws IOException {
    Files.createDirectories(dir.resolve("reports"));
    try (Stream<Path> files = Files.walk(DATASETS)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(file, dir.resolve(DATASETS.relativize(file).toString()));
      }
    }
    LogContext.getLogContext().getLogger(LakeRules.class.getName()).addHandler(capture);
  }

  @AfterEach
  void stopListening() {
    LogContext.getLogContext().getLogger(LakeRules.class.getName()).removeHandler(capture);
  }

  @Test
  void aBrokenContractTakesDownOnlyItsDatasetAndTheReportsThatReadIt() throws IOException {
    breakAmountType();
    LakeRules rules = rules();

    LakeRules.Snapshot current = rules.current();

    assertThat(current.contracts()).containsOnlyKeys("telecom_usage");
    assertThat(rules.contract("telecom_usage")).isPresent();
    assertThatThrownBy(() -> rules.contract("bank_transactions"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.code()).isEqualTo("contract_invalid");
            })
        .hasMessageStartingWith(
            "Dataset bank_transactions is unavailable until its contract is fixed: Cannot load"
                + " contract bank_transactions.yaml: columns[3].type: unknown type 'decmial(18,2)'");
    assertThat(current.report("usage_by_day")).isNotNull();
    assertThatThrownBy(() -> current.report("daily_balance"))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo("report_invalid"))
        .hasMessageContaining("it reads dataset bank_transactions, whose contract is invalid");
    assertThat(current.policy().role("analyst").orElseThrow().canSee("telecom_usage")).isTrue();
    assertThat(current.access().problem()).isNull();
    assertThat(current.healthy()).isFalse();
  }

  @Test
  void aFixedContractIsServedAgainWithoutARestartAndLoggedOncePerChange() throws IOException {
    String contract = breakAmountType();
    LakeRules rules = rules();
    rules.current();
    rules.current();

    Files.writeString(
        dir.resolve("bank_transactions.yaml"),
        contract.replace(BROKEN_TYPE, "type: decimal(18,2)"));

    assertThat(rules.contract("bank_transactions")).isPresent();
    assertThat(rules.current().report("daily_balance")).isNotNull();
    assertThat(messages(Level.SEVERE))
        .containsExactly(
            "Dataset bank_transactions is unavailable until its contract is fixed: Cannot load"
                + " contract bank_transactions.yaml: columns[3].type: unknown type"
                + " 'decmial(18,2)' (expected string, boolean, int, long, double, decimal(p,s),"
                + " date or timestamp)",
            "Report balance_by_currency.sql is unavailable until it is fixed: it reads dataset"
                + " bank_transactions, whose contract is invalid: Cannot load contract"
                + " bank_transactions.yaml: columns[3].type: unknown type 'decmial(18,2)'"
                + " (expected string, boolean, int, long, double, decimal(p,s), date or"
                + " timestamp)",
            "Report daily_balance.sql is unavailable until it is fixed: it reads dataset"
                + " bank_transactions, whose contract is invalid: Cannot load contract"
                + " bank_transactions.yaml: columns[3].type: unknown type 'decmial(18,2)'"
                + " (expected string, boolean, int, long, double, decimal(p,s), date or"
                + " timestamp)");
  }

  @Test
  void aRaisedContractVersionIsPickedUpWithoutARestart() throws IOException {
    LakeRules rules = rules();
    int before = rules.contract("telecom_usage").orElseThrow().version();
    Path file = dir.resolve("telecom_usage.yaml");

    Files.writeString(
        file,
        Files.readString(file).replaceFirst("(?m)^version: \\d+", "version: " + (before + 10)));

    assertThat(rules.contract("telecom_usage").orElseThrow().version()).isEqualTo(before + 10);
  }

  @Test
  void readsTheFilesAgainOnlyWhenOneChanged() {
    LakeRules rules = rules();

    LakeRules.Snapshot first = rules.current();

    assertThat(rules.current()).isSameAs(first);
    assertThat(first.contracts().keySet()).containsExactly("bank_transactions", "telecom_usage");
    assertThat(first.reports().keySet())
        .containsExactly("balance_by_currency", "daily_balance", "usage_by_day");
  }

  @Test
  void aBrokenAccessPolicyLeavesTheLastGoodOneInForceAndSaysSoOnce() throws IOException {
    LakeRules rules = rules();
    LakeRules.Snapshot good = rules.current();

    Files.writeString(dir.resolve("access.yaml"), "roles:\n  analyst: {admin: maybe}\n");
    LakeRules.Snapshot broken = rules.current();
    rules.current();
    rules.latest();

    assertThat(broken.policy()).isSameAs(good.policy());
    assertThat(broken.roles()).isSameAs(good.roles());
    assertThat(broken.access().loadedAt()).isEqualTo(good.access().loadedAt());
    assertThat(broken.access().problem())
        .isEqualTo(
            "Cannot load access policy access.yaml: roles.analyst.admin: must be true or false, got 'maybe'");
    assertThat(broken.healthy()).isFalse();
    assertThat(messages(Level.SEVERE))
        .containsExactly(
            "access.yaml cannot be loaded; the policy loaded at "
                + good.access().loadedAt()
                + " stays in force: Cannot load access policy access.yaml: roles.analyst.admin:"
                + " must be true or false, got 'maybe'");

    Files.copy(
        DATASETS.resolve("access.yaml"),
        dir.resolve("access.yaml"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThat(rules.current().access().problem()).isNull();
    assertThat(messages(Level.INFO))
        .containsExactly("access.yaml loads again; its policy is in force");
  }

  @Test
  void withoutAnyGoodAccessPolicyEveryRequestIsRefused() throws IOException {
    Files.writeString(dir.resolve("access.yaml"), "roles: [");
    LakeRules rules = rules();

    assertThatThrownBy(rules::current)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.code()).isEqualTo("access_policy_invalid");
            });
    LakeRules.Snapshot latest = rules.latest();
    assertThat(latest.policy().roles()).isEmpty();
    assertThat(latest.access().loadedAt()).isNull();
    assertThat(latest.access().problem()).startsWith("Cannot load access policy access.yaml:");
  }

  @Test
  void aBrokenReportTakesDownOnlyItself() throws IOException {
    Files.writeString(
        dir.resolve("reports/leak.sql"),
        "-- description: x\nSELECT * FROM read_parquet('lake/strata-history/*/*.parquet')");
    LakeRules rules = rules();

    LakeRules.Snapshot current = rules.current();

    assertThat(current.reports())
        .containsOnlyKeys("balance_by_currency", "daily_balance", "usage_by_day");
    assertThat(current.brokenReports())
        .containsOnlyKeys("leak.sql")
        .extractingByKey("leak.sql")
        .asString()
        .contains("table function read_parquet at line 2, column 15");
    assertThatThrownBy(() -> current.report("leak"))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo("report_invalid"));
    assertThat(current.report("missing")).isNull();
  }

  private LakeRules rules() {
    return new LakeRules(
        new DirectoryContractRepository(dir, Duration.ZERO),
        new RuleFiles(
            new FileSystemObjectStore(dir.resolve("objects")),
            Location.parse(dir.resolve("access.yaml").toString()),
            Location.parse(dir.resolve("reports").toString())),
        "{}",
        Clock.systemUTC());
  }

  /** Breaks the type of {@code amount}, the fourth column of the bank contract. */
  private String breakAmountType() throws IOException {
    Path file = dir.resolve("bank_transactions.yaml");
    String contract = Files.readString(file);
    String broken = contract.replaceFirst("type: decimal\\(18, ?2\\)", BROKEN_TYPE);
    assertThat(broken).isNotEqualTo(contract);
    Files.writeString(file, broken);
    return broken;
  }

  private List<String> messages(Level level) {
    return logged.stream()
        .filter(r -> r.getLevel().equals(level))
        .map(r -> Optional.ofNullable(r.getParameters()).map(p -> format(r)).orElse(r.getMessage()))
        .toList();
  }

  private static String format(LogRecord record) {
    String text = record.getMessage();
    for (Object parameter : record.getParameters()) {
      text = text.replaceFirst("\\{}", java.util.regex.Matcher.quoteReplacement("" + parameter));
    }
    return text;
  }
}
