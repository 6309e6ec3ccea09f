package io.strata.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.aws.testing.EventFixtures;
import io.strata.core.ingest.RawObjectRef;
import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class S3EventIntakeTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final S3EventIntake intake = new S3EventIntake();

  @Test
  void readsPutOfBankTransactions() {
    // when
    S3Intake result = intake.read(EventFixtures.s3Event("s3-put-bank-transactions.json"));

    // then
    assertThat(result.objects())
        .containsExactly(
            new RawObjectRef(
                "strata-raw",
                "bank_transactions/2024/01/15/transactions.csv",
                null,
                "0ba35422ab0b5ec630ed001ab71c6e8f",
                1686,
                Instant.parse("2024-01-15T23:05:42.317Z")));
    assertThat(result.skipped()).isEmpty();
  }

  @Test
  void readsPutOfGzippedTelecomUsageFromUnversionedBucket() {
    // when
    S3Intake result = intake.read(EventFixtures.s3Event("s3-put-telecom-usage.json"));

    // then
    assertThat(result.objects())
        .containsExactly(
            new RawObjectRef(
                "strata-raw",
                "telecom_usage/2024-01-15/usage.jsonl.gz",
                null,
                "430a86e17cffebbcaa7bc0cfd5fa6eae",
                561,
                Instant.parse("2024-01-16T02:00:09.881Z")));
    assertThat(result.skipped()).isEmpty();
  }

  @Test
  void putFixturesDescribeTheSampleFilesUnderEventsRaw() throws IOException {
    // given
    RawObjectRef bank =
        intake.read(EventFixtures.s3Event("s3-put-bank-transactions.json")).objects().get(0);
    RawObjectRef telecom =
        intake.read(EventFixtures.s3Event("s3-put-telecom-usage.json")).objects().get(0);
    byte[] bankFile =
        Files.readAllBytes(EventFixtures.path("raw/bank_transactions/transactions-2024-01-15.csv"));
    byte[] telecomFile =
        Files.readAllBytes(EventFixtures.path("raw/telecom_usage/usage-2024-01-15.jsonl.gz"));

    // then
    assertThat(bank.size()).isEqualTo(bankFile.length);
    assertThat(bank.eTag()).isEqualTo(md5(bankFile));
    assertThat(telecom.size()).isEqualTo(telecomFile.length);
    assertThat(telecom.eTag()).isEqualTo(md5(telecomFile));
  }

  @Test
  void readsCompleteMultipartUploadAndCopyInRecordOrder() {
    // when
    S3Intake result = intake.read(EventFixtures.s3Event("s3-multipart-and-copy.json"));

    // then
    assertThat(result.objects())
        .containsExactly(
            new RawObjectRef(
                "strata-raw",
                "bank_transactions/2024/01/16/transactions-full.csv",
                "ZlX3mQ8rT1vB6nY0cK5sW2pJ9hD4gF7a",
                "6a1f0b4c9d8e7f60a5b4c3d2e1f09876-4",
                27_262_976,
                Instant.parse("2024-01-16T23:41:03.120Z")),
            new RawObjectRef(
                "strata-raw",
                "telecom_usage/2024-01-16/usage.jsonl.gz",
                null,
                "3b5d7f9a1c3e5a7b9d1f3a5c7e9b1d3f",
                48_733,
                Instant.parse("2024-01-17T08:12:55.004Z")));
    assertThat(result.skipped()).isEmpty();
  }

  @Test
  void skipsFolderMarkersAndUnderscoreSegmentsButKeepsDataFiles() {
    // when
    S3Intake result = intake.read(EventFixtures.s3Event("s3-folder-marker-and-underscore.json"));

    // then
    assertThat(result.objects())
        .extracting(RawObjectRef::key)
        .containsExactly("bank_transactions/2024/01/16/transactions.csv");
    assertThat(result.skipped())
        .containsExactly(
            new SkippedRecord(
                "ObjectCreated:Put",
                "strata-raw",
                "bank_transactions/2024/01/16/",
                "folder marker"),
            new SkippedRecord(
                "ObjectCreated:Put",
                "strata-raw",
                "bank_transactions/_temporary/0/part-00000.csv",
                "path segment starts with '_': _temporary"),
            new SkippedRecord(
                "ObjectCreated:Put",
                "strata-raw",
                "bank_transactions/2024/01/16/_SUCCESS",
                "path segment starts with '_': _SUCCESS"));
  }

  @Test
  void decodesKeyWithSpacesUnicodeAndEncodedPlus() {
    // when
    S3Intake result = intake.read(EventFixtures.s3Event("s3-key-with-spaces.json"));

    // then
    assertThat(result.objects())
        .extracting(RawObjectRef::key)
        .containsExactly("bank_transactions/2024/01/15/relevé de compte Q1+2024.csv");
    assertThat(result.skipped()).isEmpty();
  }

  @Test
  void skipsObjectRemovedEvents() {
    // when
    S3Intake result = intake.read(EventFixtures.s3Event("s3-delete.json"));

    // then
    assertThat(result.objects()).isEmpty();
    assertThat(result.skipped())
        .containsExactly(
            new SkippedRecord(
                "ObjectRemoved:Delete",
                "strata-raw",
                "bank_transactions/2024/01/15/transactions.csv",
                "not an object creation event"));
  }

  @Test
  void acceptsBrowserPostUploads() {
    // given
    S3Event event = bankEventWith(r -> r.put("eventName", "ObjectCreated:Post"));

    // when
    S3Intake result = intake.read(event);

    // then
    assertThat(result.objects())
        .extracting(RawObjectRef::key)
        .containsExactly("bank_transactions/2024/01/15/transactions.csv");
  }

  @Test
  void skipsOtherEventKinds() {
    // given
    S3Event event = bankEventWith(r -> r.put("eventName", "ObjectRestore:Completed"));

    // when
    S3Intake result = intake.read(event);

    // then
    assertThat(result.objects()).isEmpty();
    assertThat(result.skipped())
        .extracting(SkippedRecord::eventName, SkippedRecord::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "ObjectRestore:Completed", "not an object creation event"));
  }

  @Test
  void convertsEventTimeWithOffsetToInstant() {
    // given
    S3Event event = bankEventWith(r -> r.put("eventTime", "2024-01-16T00:30:00.000+02:00"));

    // when
    S3Intake result = intake.read(event);

    // then
    assertThat(result.objects())
        .extracting(RawObjectRef::arrivedAt)
        .containsExactly(Instant.parse("2024-01-15T22:30:00Z"));
  }

  @Test
  void skipsKeyThatIsNotValidUrlEncoding() {
    // given
    S3Event event = bankEventWith(r -> object(r).put("key", "bank_transactions/100%.csv"));

    // when
    S3Intake result = intake.read(event);

    // then
    assertThat(result.objects()).isEmpty();
    assertThat(result.skipped())
        .containsExactly(
            new SkippedRecord(
                "ObjectCreated:Put",
                "strata-raw",
                "bank_transactions/100%.csv",
                "key is not valid URL encoding"));
  }

  @Test
  void skipsRecordWithoutKey() {
    // given
    S3Event event = bankEventWith(r -> object(r).remove("key"));

    // when
    S3Intake result = intake.read(event);

    // then
    assertThat(result.skipped())
        .containsExactly(
            new SkippedRecord(
                "ObjectCreated:Put", "strata-raw", null, "record names no bucket or key"));
  }

  @Test
  void skipsRecordWithoutEventTime() {
    // given
    S3Event event = bankEventWith(r -> r.remove("eventTime"));

    // when
    S3Intake result = intake.read(event);

    // then
    assertThat(result.skipped())
        .containsExactly(
            new SkippedRecord(
                "ObjectCreated:Put",
                "strata-raw",
                "bank_transactions/2024/01/15/transactions.csv",
                "record has no event time"));
  }

  @Test
  void stripsQuotesFromETagAndTreatsMissingSizeAsUnknown() {
    // given
    S3Event event =
        bankEventWith(
            r -> {
              object(r).put("eTag", "\"0ba35422ab0b5ec630ed001ab71c6e8f\"");
              object(r).remove("size");
              object(r).put("versionId", "");
            });

    // when
    RawObjectRef ref = intake.read(event).objects().get(0);

    // then
    assertThat(ref.eTag()).isEqualTo("0ba35422ab0b5ec630ed001ab71c6e8f");
    assertThat(ref.size()).isEqualTo(RawObjectRef.UNKNOWN_SIZE);
    assertThat(ref.versionId()).isNull();
  }

  @Test
  void s3TestEventYieldsNothing() {
    // given the message S3 sends when a notification is configured
    S3Event event =
        EventFixtures.s3EventFromJson(
            "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":"
                + "\"2024-01-15T00:00:00.000Z\",\"Bucket\":\"strata-raw\","
                + "\"RequestId\":\"5582815E1AEA5ADF\",\"HostId\":\"8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3e\"}");

    // when
    S3Intake result = intake.read(event);

    // then
    assertThat(result.objects()).isEmpty();
    assertThat(result.skipped()).isEmpty();
  }

  @Test
  void eventWithoutRecordsYieldsNothing() {
    assertThat(intake.read(new S3Event())).isEqualTo(new S3Intake(List.of(), List.of()));
  }

  private static S3Event bankEventWith(Consumer<ObjectNode> change) {
    try {
      ObjectNode root =
          (ObjectNode)
              MAPPER.readTree(EventFixtures.path("s3-put-bank-transactions.json").toFile());
      change.accept((ObjectNode) root.get("Records").get(0));
      return EventFixtures.s3EventFromJson(MAPPER.writeValueAsString(root));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode object(ObjectNode record) {
    return (ObjectNode) record.get("s3").get("object");
  }

  private static String md5(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
