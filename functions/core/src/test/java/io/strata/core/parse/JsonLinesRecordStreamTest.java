package io.strata.core.parse;

import static io.strata.core.parse.StreamFixtures.concat;
import static io.strata.core.parse.StreamFixtures.contract;
import static io.strata.core.parse.StreamFixtures.gzip;
import static io.strata.core.parse.StreamFixtures.open;
import static io.strata.core.parse.StreamFixtures.readAll;
import static io.strata.core.parse.StreamFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.contract.DatasetContract;
import org.junit.jupiter.api.Test;

class JsonLinesRecordStreamTest {

  private static final DatasetContract JSONL = contract("jsonl", "extra_columns: ignore");
  private static final DatasetContract JSONL_REJECTING_EXTRA = contract("jsonl", "");

  @Test
  void mapsMembersByNameAndKeepsScalarText() {
    byte[] file =
        utf8(
            """
            {"note": "hi", "amount": 12, "id": "a1"}
            {"id": "a2", "amount": 1.50e2, "note": true}
            {"id": "a3", "amount": null}
            """);

    assertThat(readAll(file, JSONL))
        .containsExactly("1|a1|12|hi", "2|a2|1.50e2|true", "3|a3|null|null");
  }

  @Test
  void skipsBlankLinesAndCountsPhysicalLines() {
    byte[] file =
        utf8("\n{\"id\": \"a1\", \"amount\": 1}\r\n   \r\n{\"id\": \"a2\", \"amount\": 2}");

    assertThat(readAll(file, JSONL)).containsExactly("2|a1|1|null", "4|a2|2|null");
  }

  @Test
  void reportsMalformedLinesAndContinues() {
    byte[] file =
        utf8(
            """
            {"id": "a1", "amount": 1}
            {"id": "a2", "amount":
            {"id": "a3" "amount": 3}
            [1, 2]
            "text"
            {"id": "a4", "amount": 4} {"id": "a5"}
            {"id": "a6", "id": "a7"}
            {"id": "a8", "amount": 8}
            """);

    assertThat(readAll(file, JSONL))
        .containsExactly(
            "1|a1|1|null",
            "2!malformed JSON: unexpected end of line",
            "3!malformed JSON: unexpected character at column 13",
            "4!malformed JSON: expected an object, found an array",
            "5!malformed JSON: expected an object, found a string",
            "6!malformed JSON: more than one value on the line",
            "7!malformed JSON: duplicate member 'id' at column 18",
            "8|a8|8|null");
  }

  @Test
  void describesMalformedLinesWithoutQuotingTheirContent() {
    byte[] file =
        utf8(
            """
            {"id": "a1", "amount": DE89370400440532013000}
            {"id": "a2", "amount": 01}
            {"id": "a3", "note": "Jane\\qDoe"}
            {"id": "a4", "amount": truthy}
            {"secret": 1, "secret": 2}
            """);

    assertThat(readAll(file, JSONL))
        .containsExactly(
            "1!malformed JSON: unrecognized token at column 24",
            "2!malformed JSON: invalid number at column 25",
            "3!malformed JSON: invalid escape sequence at column 28",
            "4!malformed JSON: unrecognized token at column 24",
            "5!malformed JSON: duplicate member at column 23");
  }

  @Test
  void reportsNestedValueOfColumnNamingTheColumn() {
    byte[] file =
        utf8(
            """
            {"id": "a1", "amount": {"value": 1}}
            {"id": "a2", "amount": 2, "note": [1, 2]}
            """);

    assertThat(readAll(file, JSONL))
        .containsExactly(
            "1!amount: expected a single value, found an object@amount",
            "2!note: expected a single value, found an array@note");
  }

  @Test
  void collectsUnknownMembersWhenContractIgnoresThem() throws Exception {
    byte[] file =
        utf8(
            """
            {"id": "a1", "amount": 1, "cell": {"lat": 1}}
            {"id": "a2", "amount": 2, "tag": "x", "cell": "c"}
            """);

    try (RecordStream stream = open(file, JSONL)) {
      assertThat(StreamFixtures.drain(stream)).containsExactly("1|a1|1|null", "2|a2|2|null");
      assertThat(stream.extraColumns()).containsExactly("cell", "tag");
    }
  }

  @Test
  void reportsUnknownMemberWhenContractRejectsExtraColumns() {
    byte[] file = utf8("{\"id\": \"a1\", \"amount\": 1, \"tag\": \"x\"}\n");

    assertThat(readAll(file, JSONL_REJECTING_EXTRA)).containsExactly("1!unexpected member 'tag'");
  }

  @Test
  void leavesOutAnUnknownMemberNameThatLooksLikeData() {
    byte[] file =
        utf8(
            "{\"id\":\"a1\",\"amount\":1,\"GB33BUKB20201555555555\":1}\n"
                + "{\"id\":\"a2\",\"amount\":2,\"jane@example.com\":1}\n"
                + "{\"id\":\"a3\",\"amount\":3,\"Jane Sentinel\":1}\n");

    assertThat(readAll(file, JSONL_REJECTING_EXTRA))
        .containsExactly(
            "1!unexpected member (its name looks like data and is not shown)",
            "2!unexpected member (its name looks like data and is not shown)",
            "3!unexpected member (its name looks like data and is not shown)");
  }

  @Test
  void readsGzippedJsonLines() {
    byte[] file = gzip(utf8("{\"id\": \"a1\", \"amount\": 1}\n{\"id\": \"a2\", \"amount\": 2}\n"));

    assertThat(readAll(file, JSONL)).containsExactly("1|a1|1|null", "2|a2|2|null");
  }

  @Test
  void stripsByteOrderMark() {
    byte[] file =
        concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("{\"id\": \"a1\"}\n"));

    assertThat(readAll(file, JSONL)).containsExactly("1|a1|null|null");
  }

  @Test
  void rejectsFileWithoutObjects() {
    assertThatThrownBy(() -> readAll(utf8("\n  \n\n"), JSONL))
        .isInstanceOfSatisfying(
            FileRejectedException.class, e -> assertThat(e.reason()).isEqualTo("empty_file"))
        .hasMessage("Cannot read file: it is empty");
  }

  @Test
  void rejectsLineLongerThanLimit() {
    byte[] file =
        utf8("{\"id\": \"a1\"}\n{\"id\": \"" + "x".repeat(1100) + "\"}\n{\"id\": \"a3\"}\n");

    assertThatThrownBy(() -> readAll(file, JSONL))
        .isInstanceOfSatisfying(
            FileRejectedException.class, e -> assertThat(e.reason()).isEqualTo("line_too_long"))
        .hasMessage("Cannot read line 2: longer than 1024 characters");
  }

  @Test
  void readsLinesLongerThanReadBuffer() {
    StringBuilder file = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      file.append("{\"id\": \"a")
          .append(i)
          .append("\", \"note\": \"")
          .append("n".repeat(900))
          .append("\"}\n");
    }

    assertThat(readAll(utf8(file.toString()), JSONL))
        .hasSize(2000)
        .last()
        .asString()
        .startsWith("2000|a1999|null|nnn");
  }

  @Test
  void rejectsInvalidUtf8NamingTheLine() {
    byte[] file =
        concat(utf8("{\"id\": \"a1\"}\n{\"id\": \""), new byte[] {(byte) 0xFF}, utf8("\"}\n"));

    assertThatThrownBy(() -> readAll(file, JSONL))
        .isInstanceOfSatisfying(
            FileRejectedException.class, e -> assertThat(e.reason()).isEqualTo("invalid_encoding"))
        .hasMessage("Cannot decode file as UTF-8: invalid bytes at line 2");
  }
}
