package io.strata.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContractLoaderTest {

  private static final Path DATASETS = Path.of("../../datasets");

  private static final String MINIMAL =
      """
      name: sample
      version: 1
      format: csv
      columns:
        - name: id
          type: string
          required: true
      """;

  @Test
  void loadsBankTransactionsContractFromRepository() {
    DatasetContract contract = ContractLoader.load(DATASETS.resolve("bank_transactions.yaml"));

    assertThat(contract.name()).isEqualTo("bank_transactions");
    assertThat(contract.version()).isEqualTo(1);
    assertThat(contract.format()).isEqualTo(SourceFormat.CSV);
    assertThat(contract.csv()).isEqualTo(CsvOptions.DEFAULT);
    assertThat(contract.columns())
        .extracting(c -> c.name() + ":" + c.type() + ":" + c.required())
        .containsExactly(
            "transaction_id:string:true",
            "account_iban:string:true",
            "booking_date:date:true",
            "amount:decimal(18,2):true",
            "currency:string:true",
            "counterparty:string:false",
            "channel:string:false");
    assertThat(contract.column("transaction_id").orElseThrow().rules().pattern().pattern())
        .isEqualTo("^TX[0-9]{10}$");
    assertThat(contract.column("account_iban").orElseThrow().pii())
        .isEqualTo(new Pii(Pii.PiiMode.MASK, 4));
    assertThat(contract.column("booking_date").orElseThrow().type())
        .isEqualTo(ColumnType.date("yyyy-MM-dd"));
    assertThat(contract.column("currency").orElseThrow().rules().allowed())
        .containsExactlyInAnyOrder("EUR", "USD", "GBP");
    assertThat(contract.column("counterparty").orElseThrow().rules().maxLength()).isEqualTo(140);
    assertThat(contract.column("channel").orElseThrow().rules().allowed())
        .containsExactlyInAnyOrder("ATM", "POS", "ONLINE", "BRANCH");
    assertThat(contract.key()).containsExactly("transaction_id");
    assertThat(contract.partitions())
        .containsExactly(
            new PartitionSpec("booking_date", "booking_date", PartitionSpec.Transform.IDENTITY));
    assertThat(contract.errorPolicy()).isEqualTo(new ErrorPolicy(Long.MAX_VALUE, 0.01));
    assertThat(contract.extraColumns()).isEqualTo(ExtraColumnPolicy.REJECT);
    assertThat(contract.schemaEvolution()).isEqualTo(SchemaEvolution.ADDITIVE);
  }

  @Test
  void loadsTelecomUsageContractFromRepository() {
    DatasetContract contract = ContractLoader.load(DATASETS.resolve("telecom_usage.yaml"));

    assertThat(contract.name()).isEqualTo("telecom_usage");
    assertThat(contract.format()).isEqualTo(SourceFormat.JSON_LINES);
    assertThat(contract.columns())
        .extracting(c -> c.name() + ":" + c.type() + ":" + c.required())
        .containsExactly(
            "event_id:string:true",
            "subscriber_id:string:true",
            "event_type:string:true",
            "event_time:timestamp:true",
            "duration_s:int:false",
            "bytes:long:false",
            "cell_id:string:true");
    assertThat(contract.column("subscriber_id").orElseThrow().pii())
        .isEqualTo(new Pii(Pii.PiiMode.HASH, 0));
    assertThat(contract.column("event_type").orElseThrow().rules().allowed())
        .containsExactlyInAnyOrder("call", "sms", "data");
    assertThat(contract.column("event_time").orElseThrow().type())
        .isEqualTo(ColumnType.timestamp(null));
    assertThat(contract.column("duration_s").orElseThrow().rules().min())
        .isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(contract.column("bytes").orElseThrow().rules().min())
        .isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(contract.key()).containsExactly("event_id");
    assertThat(contract.partitions())
        .containsExactly(
            new PartitionSpec("event_date", "event_time", PartitionSpec.Transform.DAY));
    assertThat(contract.errorPolicy()).isEqualTo(ErrorPolicy.STRICT);
    assertThat(contract.extraColumns()).isEqualTo(ExtraColumnPolicy.IGNORE);
  }

  @Test
  void appliesDefaultsToMinimalContract() {
    DatasetContract contract = parse("sample.yaml", MINIMAL);

    assertThat(contract.csv()).isEqualTo(CsvOptions.DEFAULT);
    assertThat(contract.key()).isEmpty();
    assertThat(contract.partitions()).isEmpty();
    assertThat(contract.errorPolicy()).isEqualTo(ErrorPolicy.STRICT);
    assertThat(contract.extraColumns()).isEqualTo(ExtraColumnPolicy.REJECT);
    assertThat(contract.schemaEvolution()).isEqualTo(SchemaEvolution.ADDITIVE);
    assertThat(contract.columns().get(0).rules()).isEqualTo(ColumnRules.NONE);
  }

  @Test
  void readsEveryTypeAndRule() {
    DatasetContract contract =
        parse(
            "sample.yaml",
            """
            name: sample
            version: 3
            format: csv
            csv: {delimiter: ";", quote: "'", header: false, encoding: ISO-8859-1}
            columns:
              - {name: s, type: string, rules: {max_length: 5, pattern: "[a-z]+", allowed: [ab, cd]}}
              - {name: b, type: boolean}
              - {name: i, type: int, rules: {min: -1, max: 10}}
              - {name: l, type: long}
              - {name: d, type: double, rules: {max: 1.5}}
              - {name: m, type: "decimal(38, 10)"}
              - {name: dt, type: date, required: true, rules: {min: 2000-01-01, max: "2099-12-31"}}
              - {name: ts, type: timestamp, format: "dd.MM.yyyy HH:mm", rules: {min: "2000-01-01T00:00:00Z"}}
              - {name: p, type: string, pii: drop}
              - {name: q, type: string, pii: mask}
            partitions:
              - {source: dt}
              - {name: year, source: dt, transform: year}
            error_policy: {max_rejected_rows: 5, max_rejected_fraction: 0.5}
            extra_columns: ignore
            schema_evolution: strict
            """);

    assertThat(contract.csv())
        .isEqualTo(new CsvOptions(';', '\'', false, StandardCharsets.ISO_8859_1));
    assertThat(contract.columns())
        .extracting(c -> c.type().toString())
        .containsExactly(
            "string",
            "boolean",
            "int",
            "long",
            "double",
            "decimal(38,10)",
            "date",
            "timestamp",
            "string",
            "string");
    ColumnRules s = contract.columns().get(0).rules();
    assertThat(s.maxLength()).isEqualTo(5);
    assertThat(s.allowed()).containsExactlyInAnyOrder("ab", "cd");
    assertThat(contract.columns().get(2).rules().min()).isEqualByComparingTo("-1");
    assertThat(contract.columns().get(2).rules().max()).isEqualByComparingTo("10");
    assertThat(contract.columns().get(4).rules().max()).isEqualByComparingTo("1.5");
    assertThat(contract.columns().get(6).rules().minTemporal()).isEqualTo("2000-01-01");
    assertThat(contract.columns().get(6).rules().maxTemporal()).isEqualTo("2099-12-31");
    assertThat(contract.columns().get(7).type())
        .isEqualTo(ColumnType.timestamp("dd.MM.yyyy HH:mm"));
    assertThat(contract.columns().get(8).pii()).isEqualTo(new Pii(Pii.PiiMode.DROP, 0));
    assertThat(contract.columns().get(9).pii()).isEqualTo(new Pii(Pii.PiiMode.MASK, 0));
    assertThat(contract.partitions())
        .containsExactly(
            new PartitionSpec("dt", "dt", PartitionSpec.Transform.IDENTITY),
            new PartitionSpec("year", "dt", PartitionSpec.Transform.YEAR));
    assertThat(contract.errorPolicy()).isEqualTo(new ErrorPolicy(5, 0.5));
    assertThat(contract.extraColumns()).isEqualTo(ExtraColumnPolicy.IGNORE);
    assertThat(contract.schemaEvolution()).isEqualTo(SchemaEvolution.STRICT);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          misspelled type        | columns: [{name: a, type: string}, {name: b, type: int}, {name: c, type: 'decmial(18,2)'}] | columns[2].type: unknown type 'decmial(18,2)' (expected string, boolean, int, long, double, decimal(p,s), date or timestamp)
          decimal out of range   | columns: [{name: a, type: 'decimal(40,2)'}] | columns[0].type: invalid type 'decimal(40,2)': needs 1 <= precision <= 38, 0 <= scale <= precision
          decimal without args   | columns: [{name: a, type: decimal}] | columns[0].type: unknown type 'decimal' (write decimal(precision,scale), e.g. decimal(18,2))
          unknown column key     | columns: [{name: a, type: string, requird: true}] | columns[0].requird: unknown key (expected one of description, format, name, pii, required, rules, type)
          unknown rule key       | columns: [{name: a, type: string, rules: {maxlen: 3}}] | columns[0].rules.maxlen: unknown key (expected one of allowed, max, max_length, min, pattern)
          column name case       | columns: [{name: Amount, type: string}] | columns[0].name: 'Amount' must be lower snake case ([a-z][a-z0-9_]*)
          duplicate column       | columns: [{name: a, type: string}, {name: a, type: int}] | columns[1].name: duplicate column 'a'
          no columns             | columns: [] | columns: must list at least one column
          required as text       | columns: [{name: a, type: string, required: yes please}] | columns[0].required: must be true or false, got 'yes please'
          bad pattern            | columns: [{name: a, type: string, rules: {pattern: '(ab'}}] | columns[0].rules.pattern: invalid regular expression '(ab': Unclosed group
          allowed on int         | columns: [{name: a, type: int, rules: {allowed: [1, 2]}}] | columns[0].rules.allowed: applies only to string columns, not int
          max_length on int      | columns: [{name: a, type: int, rules: {max_length: 2}}] | columns[0].rules.max_length: applies only to string columns, not int
          min on string          | columns: [{name: a, type: string, rules: {min: 1}}] | columns[0].rules.min: applies only to numeric, date and timestamp columns, not string
          min as text on int     | columns: [{name: a, type: int, rules: {min: one}}] | columns[0].rules.min: must be a number, got 'one'
          min above max          | columns: [{name: a, type: int, rules: {min: 5, max: 1}}] | columns[0].rules.min: 5 is greater than max 1
          bad date bound         | columns: [{name: a, type: date, rules: {max: 2024-02-30}}] | columns[0].rules.max: '2024-02-30' is not an ISO-8601 date (yyyy-MM-dd)
          timestamp bound offset | columns: [{name: a, type: timestamp, rules: {min: '2024-01-01T00:00:00'}}] | columns[0].rules.min: '2024-01-01T00:00:00' is not an ISO-8601 timestamp with offset (e.g. 2020-01-01T00:00:00Z)
          format on string       | columns: [{name: a, type: string, format: yyyy}] | columns[0].format: applies only to date and timestamp columns
          bad format             | columns: [{name: a, type: date, format: 'yyyy-MM-dd{'}] | columns[0].format: invalid date/time pattern 'yyyy-MM-dd{': Pattern includes reserved character: '{'
          hash on int            | columns: [{name: a, type: int, pii: hash}] | columns[0].pii: hash applies only to string columns, not int
          mask on date           | columns: [{name: a, type: date, pii: {mask: {keep_last: 2}}}] | columns[0].pii: mask applies only to string columns, not date
          unknown pii            | columns: [{name: a, type: string, pii: encrypt}] | columns[0].pii: unknown value 'encrypt' (expected drop, hash, mask or mask: {keep_last: n})
          negative keep_last     | columns: [{name: a, type: string, pii: {mask: {keep_last: -1}}}] | columns[0].pii.mask.keep_last: must not be negative, got -1
          unknown key column     | columns: [{name: a, type: string}]\\nkey: [b] | key[0]: unknown column 'b'
          key twice              | columns: [{name: a, type: string}]\\nkey: [a, a] | key[1]: column 'a' is listed twice
          unknown partition src  | columns: [{name: a, type: string, required: true}]\\npartitions: [{source: b}] | partitions[0].source: unknown column 'b'
          optional partition src | columns: [{name: a, type: string}]\\npartitions: [{source: a}] | partitions[0].source: partition source column 'a' must be required
          pii partition source   | columns: [{name: a, type: string, required: true, pii: hash}]\\npartitions: [{source: a}] | partitions[0].source: column 'a' is PII and cannot be a partition
          identity on timestamp  | columns: [{name: a, type: timestamp, required: true}]\\npartitions: [{source: a}] | partitions[0].transform: identity applies only to date, string, int, long and boolean columns, not timestamp
          identity renamed       | columns: [{name: a, type: date, required: true}]\\npartitions: [{name: b, source: a}] | partitions[0].name: an identity partition is named after its source column 'a'
          day on string          | columns: [{name: a, type: string, required: true}]\\npartitions: [{name: d, source: a, transform: day}] | partitions[0].transform: day applies only to date and timestamp columns, not string
          derived name clash     | columns: [{name: a, type: date, required: true}, {name: m, type: int}]\\npartitions: [{name: m, source: a, transform: month}] | partitions[0].name: 'm' is already a column; name the derived partition otherwise
          unknown transform      | columns: [{name: a, type: date, required: true}]\\npartitions: [{name: w, source: a, transform: week}] | partitions[0].transform: unknown value 'week' (expected one of identity, day, month, year)
          strict false           | columns: [{name: a, type: string}]\\nerror_policy: {strict: false} | error_policy.strict: may only be true; give max_rejected_rows or max_rejected_fraction instead
          strict with bounds     | columns: [{name: a, type: string}]\\nerror_policy: {strict: true, max_rejected_rows: 3} | error_policy.strict: cannot be combined with max_rejected_rows or max_rejected_fraction
          empty error policy     | columns: [{name: a, type: string}]\\nerror_policy: {} | error_policy: needs strict: true, max_rejected_rows or max_rejected_fraction
          fraction above one     | columns: [{name: a, type: string}]\\nerror_policy: {max_rejected_fraction: 1.5} | error_policy.max_rejected_fraction: must be between 0 and 1, got 1.5
          extra columns value    | columns: [{name: a, type: string}]\\nextra_columns: drop | extra_columns: unknown value 'drop' (expected one of ignore, reject)
          catalog projection     | columns: [{name: a, type: string}]\\ncatalog: {partition_projection: true} | catalog: partition projection does not apply to Iceberg tables, whose partitions every engine reads from the table's metadata: remove the key
          unknown top key        | columns: [{name: a, type: string}]\\nowner: team | owner: unknown key (expected one of catalog, columns, csv, description, error_policy, extra_columns, format, history, key, name, partitions, quality, schema_evolution, sequence_by, version)
          unknown csv key        | columns: [{name: a, type: string}]\\ncsv: {separator: ';'} | csv.separator: unknown key (expected one of delimiter, encoding, header, quote)
          long delimiter         | columns: [{name: a, type: string}]\\ncsv: {delimiter: ';;'} | csv.delimiter: must be a single character, got ';;'
          same delimiter quote   | columns: [{name: a, type: string}]\\ncsv: {delimiter: '"'} | csv: delimiter and quote must differ, both are '"'
          unknown encoding       | columns: [{name: a, type: string}]\\ncsv: {encoding: UTF-9} | csv.encoding: unknown encoding 'UTF-9'
          """)
  void rejectsContractMistakeNamingFileAndField(String mistake, String yaml, String message) {
    String document = "name: sample\nversion: 1\nformat: csv\n" + yaml.replace("\\n", "\n");

    assertThatThrownBy(() -> parse("sample.yaml", document))
        .as(mistake)
        .isInstanceOf(ContractException.class)
        .hasMessage("Cannot load contract sample.yaml: " + message);
  }

  @Test
  void rejectsCsvOptionsOnJsonLinesContract() {
    String yaml = MINIMAL.replace("format: csv", "format: jsonl") + "csv: {header: true}\n";

    assertThatThrownBy(() -> parse("sample.yaml", yaml))
        .hasMessage("Cannot load contract sample.yaml: csv: applies only to format csv");
  }

  @Test
  void rejectsUnknownFormat() {
    assertThatThrownBy(() -> parse("sample.yaml", MINIMAL.replace("format: csv", "format: xml")))
        .hasMessage(
            "Cannot load contract sample.yaml: format: unknown value 'xml' (expected one of csv, jsonl)");
  }

  @Test
  void rejectsMissingVersion() {
    assertThatThrownBy(() -> parse("sample.yaml", MINIMAL.replace("version: 1\n", "")))
        .hasMessage("Cannot load contract sample.yaml: version: is required");
  }

  @Test
  void rejectsNameThatDiffersFromFileName() {
    assertThatThrownBy(() -> parse("other.yaml", MINIMAL))
        .hasMessage(
            "Cannot load contract other.yaml: name: 'sample' does not match the file name other.yaml");
  }

  @Test
  void rejectsDuplicateYamlKey() {
    assertThatThrownBy(() -> parse("sample.yaml", MINIMAL + "version: 2\n"))
        .isInstanceOf(ContractException.class)
        .hasMessageStartingWith(
            "Cannot load contract sample.yaml: invalid YAML: Duplicate field 'version'");
  }

  @Test
  void rejectsDocumentThatIsNotMapping() {
    assertThatThrownBy(() -> parse("sample.yaml", "- a\n- b\n"))
        .hasMessage("Cannot load contract sample.yaml: (document): must be a mapping");
  }

  @Test
  void rejectsMissingFile() {
    assertThatThrownBy(() -> ContractLoader.load(DATASETS.resolve("nothing_here.yaml")))
        .isInstanceOf(ContractException.class)
        .hasMessage("Cannot load contract nothing_here.yaml: NoSuchFileException");
  }

  @Test
  void refusesTheReservedNameOfTheAccessPolicy() {
    assertThatThrownBy(() -> parse("access.yaml", MINIMAL.replace("name: sample", "name: access")))
        .isInstanceOf(ContractException.class)
        .hasMessage(
            "Cannot load contract access.yaml: name: 'access' is reserved: access.yaml beside"
                + " the contracts is not one");
  }

  @Test
  void refusesTheReservedNameOfTheBatchesTable() {
    assertThatThrownBy(
            () ->
                parse(
                    "strata_batches.yaml", MINIMAL.replace("name: sample", "name: strata_batches")))
        .isInstanceOf(ContractException.class)
        .hasMessage(
            "Cannot load contract strata_batches.yaml: name: 'strata_batches' is reserved: it"
                + " names the batch table an older Hive-format deployment may still hold");
    assertThat(DatasetNames.isDatasetName("strata_batches")).isFalse();
    assertThat(DatasetNames.isDatasetName("strata_batches_v2")).isTrue();
  }

  @Test
  void keepsAllowedValuesAsWritten() {
    DatasetContract contract = parse("sample.yaml", MINIMAL + "    rules: {allowed: [A, B]}\n");

    assertThat(contract.columns().get(0).rules().allowed()).isEqualTo(Set.of("A", "B"));
    assertThat(List.copyOf(contract.key())).isEmpty();
  }

  static DatasetContract parse(String fileName, String yaml) {
    return ContractLoader.parse(
        fileName, new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }
}
