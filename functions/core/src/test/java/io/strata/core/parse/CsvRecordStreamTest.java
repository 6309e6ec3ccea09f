package io.strata.core.parse;

import static io.strata.core.parse.StreamFixtures.concat;
import static io.strata.core.parse.StreamFixtures.contract;
import static io.strata.core.parse.StreamFixtures.gzip;
import static io.strata.core.parse.StreamFixtures.open;
import static io.strata.core.parse.StreamFixtures.readAll;
import static io.strata.core.parse.StreamFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.contract.ContractLoader;
import io.strata.core.contract.DatasetContract;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvRecordStreamTest {

  private static final DatasetContract CSV = contract("csv", "");
  private static final DatasetContract CSV_IGNORING_EXTRA =
      contract("csv", "extra_columns: ignore");

  @Test
  void mapsHeaderColumnsByNameIntoContractOrder() {
    byte[] file = utf8("note, amount ,id\nhello,5,a1\n,7,a2\n");

    assertThat(readAll(file, CSV)).containsExactly("2|a1|5|hello", "3|a2|7|null");
  }

  @Test
  void readsAnAllowedValueAsTheContractsOwnStringAndAnyOtherValueAsItIs() throws Exception {
    DatasetContract contract =
        ContractLoader.parse(
            "sample.yaml",
            new ByteArrayInputStream(
                utf8(
                    """
                    name: sample
                    version: 1
                    format: csv
                    columns:
                      - {name: id, type: string, required: true}
                      - {name: currency, type: string, rules: {allowed: [EUR, USD]}}
                    """)));
    String eur =
        contract.columns().get(1).rules().allowed().stream()
            .filter("EUR"::equals)
            .findFirst()
            .orElseThrow();

    try (RecordStream stream = open(utf8("id,currency\na1,EUR\na2,EURO\na3,US\n"), contract)) {
      assertThat(stream.next().values()[1]).isSameAs(eur);
      assertThat(stream.next().values()[1]).isEqualTo("EURO");
      assertThat(stream.next().values()[1]).isEqualTo("US");
      assertThat(stream.next()).isNull();
    }
  }

  @Test
  void leavesMissingOptionalColumnAbsent() {
    byte[] file = utf8("id,amount\na1,5\n");

    assertThat(readAll(file, CSV)).containsExactly("2|a1|5|null");
  }

  @Test
  void readsQuotedFieldsWithDelimitersAndEscapedQuotes() {
    byte[] file = utf8("id,amount,note\n\"a,1\",5,\"say \"\"hi\"\"\"\n");

    assertThat(readAll(file, CSV)).containsExactly("2|a,1|5|say \"hi\"");
  }

  @Test
  void countsPhysicalLinesOfMultiLineQuotedFields() {
    byte[] file = utf8("id,amount,note\na1,1,\"two\nlines\"\na2,2,x\n\na3,3,y\n");

    assertThat(readAll(file, CSV)).containsExactly("2|a1|1|two\nlines", "4|a2|2|x", "6|a3|3|y");
  }

  @Test
  void readsCrlfLineEndings() {
    byte[] file = utf8("id,amount,note\r\na1,1,x\r\na2,2,\"multi\r\nline\"\r\na3,3,z\r\n");

    assertThat(readAll(file, CSV)).containsExactly("2|a1|1|x", "3|a2|2|multi\r\nline", "5|a3|3|z");
  }

  @Test
  void stripsUtf8ByteOrderMark() {
    byte[] file =
        concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("id,amount\na1,1\n"));

    assertThat(readAll(file, CSV)).containsExactly("2|a1|1|null");
  }

  @Test
  void readsPositionalColumnsWithoutHeader() {
    DatasetContract contract = contract("csv", "csv: {header: false, delimiter: ';'}");
    byte[] file = utf8("a1;1;x\na2;2\n");

    assertThat(readAll(file, contract)).containsExactly("1|a1|1|x", "2!expected 3 fields, found 2");
  }

  @Test
  void decodesContractEncoding() {
    DatasetContract contract = contract("csv", "csv: {encoding: ISO-8859-1}");
    byte[] file = "id,amount,note\na1,1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);

    assertThat(readAll(file, contract)).containsExactly("2|a1|1|caf\u00e9");
  }

  @Test
  void reportsRaggedRowsAsRecordProblems() {
    byte[] file = utf8("id,amount,note\na1,1\na2,2,x,extra\na3,3,y\n");

    assertThat(readAll(file, CSV))
        .containsExactly(
            "2!expected 3 fields, found 2", "3!expected 3 fields, found 4", "4|a3|3|y");
  }

  @Test
  void ignoresExtraColumnsWhenContractAllows() throws Exception {
    byte[] file = utf8("id,channel,amount,region\na1,web,1,eu\n");

    try (RecordStream stream = open(file, CSV_IGNORING_EXTRA)) {
      assertThat(stream.extraColumns()).containsExactly("channel", "region");
      assertThat(StreamFixtures.drain(stream)).containsExactly("2|a1|1|null");
    }
  }

  @Test
  void rejectsFileWhenHeaderHasExtraColumnsAndContractRejectsThem() {
    assertRejected(
        utf8("id,amount,channel\na1,1,web\n"),
        CSV,
        "extra_column",
        "Cannot read header: unexpected column(s) channel (the contract rejects extra columns)");
  }

  @Test
  void rejectsFileWhenHeaderMissesRequiredColumn() {
    assertRejected(
        utf8("note\nx\n"),
        CSV,
        "missing_column",
        "Cannot read header: missing required column(s) id, amount");
  }

  @Test
  void rejectsAFileWhoseHeaderRowIsMissingWithoutRepeatingItsFirstRow() {
    assertRejected(
        utf8("a1,1,Jane Sentinel\na2,2,x\n"),
        CSV,
        "missing_header",
        "Cannot read header: the first row names none of the contract's columns; its 3 field(s)"
            + " look like data (a file without a header row needs csv.header: false)");
  }

  @Test
  void aMissingHeaderWhoseFirstRowRepeatsAValueIsStillAMissingHeader() {
    assertRejected(
        utf8("a1,1,1\na2,2,x\n"),
        CSV,
        "missing_header",
        "Cannot read header: the first row names none of the contract's columns; its 3 field(s)"
            + " look like data (a file without a header row needs csv.header: false)");
  }

  @Test
  void aFirstRowNamingSomeColumnsButNotTheRequiredOnesNamesOnlyContractColumns() {
    assertRejected(
        utf8("Jane Sentinel,note,GB33BUKB20201555555555\n"),
        CSV,
        "missing_column",
        "Cannot read header: missing required column(s) id, amount");
  }

  @Test
  void rejectsFileWhenHeaderNamesColumnTwice() {
    assertRejected(
        utf8("id,amount,id\na1,1,a1\n"),
        CSV,
        "duplicate_column",
        "Cannot read header: column 'id' appears more than once");
  }

  @Test
  void rejectsEmptyFile() {
    assertRejected(new byte[0], CSV, "empty_file", "Cannot read file: it is empty");
  }

  @Test
  void rejectsFileHoldingOnlyByteOrderMarkAndWhitespace() {
    byte[] file = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(" \r\n\n  \n"));

    assertRejected(file, CSV, "empty_file", "Cannot read file: it is empty");
  }

  @Test
  void rejectsFileWithHeaderOnly() throws Exception {
    try (RecordStream stream = open(utf8("id,amount,note\n"), CSV)) {
      assertThatThrownBy(stream::next)
          .isInstanceOfSatisfying(
              FileRejectedException.class, e -> assertThat(e.reason()).isEqualTo("no_records"))
          .hasMessage("Cannot read file: it has a header but no records");
    }
  }

  @Test
  void rejectsFileWithUnterminatedQuote() throws Exception {
    byte[] file = utf8("id,amount,note\na1,1,x\na2,2,\"open\n");

    assertRejectedWhileReading(
        file,
        "malformed_csv",
        "Cannot parse CSV: a quoted field is not closed before the end of the file (record"
            + " starting at line 3)");
  }

  @Test
  void rejectsFileWithTextAfterClosingQuote() throws Exception {
    byte[] file = utf8("id,amount,note\na1,1,x\na2,2,\"quoted\"rest\n");

    assertRejectedWhileReading(
        file,
        "malformed_csv",
        "Cannot parse CSV: text follows a closing quote (record starting at line 3)");
  }

  @Test
  void rejectsFileWithInvalidUtf8NamingTheLine() throws Exception {
    byte[] file =
        concat(utf8("id,amount,note\na1,1,x\na2,2,"), new byte[] {(byte) 0xC3, 0x28}, utf8("\n"));

    assertRejectedWhileReading(
        file, "invalid_encoding", "Cannot decode file as UTF-8: invalid bytes at line 3");
  }

  @Test
  void rejectsRecordLongerThanLimit() throws Exception {
    byte[] file = utf8("id,amount,note\na1,1,x\na2,2," + "y".repeat(1100) + "\n");

    assertRejectedWhileReading(
        file,
        "line_too_long",
        "Cannot read record starting at line 3: longer than 1024 characters");
  }

  @Test
  void rejectsRecordWithManyFieldsLongerThanLimit() throws Exception {
    byte[] file = utf8("id,amount,note\na1,1,x\na2,2," + "y,".repeat(600) + "\n");

    assertRejectedWhileReading(
        file,
        "line_too_long",
        "Cannot read record starting at line 3: longer than 1024 characters");
  }

  @Test
  void readsGzippedCsvWhateverItsName() {
    byte[] file = gzip(utf8("id,amount\na1,1\na2,2\n"));

    assertThat(readAll(file, CSV)).containsExactly("2|a1|1|null", "3|a2|2|null");
  }

  private static void assertRejectedWhileReading(byte[] file, String reason, String message) {
    assertThatThrownBy(() -> readAll(file, CSV))
        .isInstanceOfSatisfying(
            FileRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessage(message);
  }

  static void assertRejected(byte[] file, DatasetContract contract, String reason, String message) {
    assertThatThrownBy(
            () ->
                RecordStreams.open(new ByteArrayInputStream(file), contract, StreamFixtures.LIMITS))
        .isInstanceOfSatisfying(
            FileRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessage(message);
  }
}
