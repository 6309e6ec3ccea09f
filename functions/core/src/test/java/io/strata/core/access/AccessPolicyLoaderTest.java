package io.strata.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.contract.ContractRepository;
import io.strata.core.contract.DirectoryContractRepository;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessPolicyLoaderTest {

  private static final Path DATASETS = Path.of("../../datasets");
  private static final ContractRepository CONTRACTS = new DirectoryContractRepository(DATASETS);
  private static final String PREFIX = "Cannot load access policy access.yaml: ";

  private static AccessPolicy parse(String yaml) {
    return AccessPolicyLoader.parse(
        "access.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), CONTRACTS);
  }

  private static RowFilter filterOf(String column, String operatorAndValue) {
    AccessPolicy policy =
        parse(
            """
            roles:
              analyst:
                datasets:
                  %s:
                    row_filter:
                      column: %s
                      %s
            """
                .formatted(
                    column.startsWith("tx:") ? "bank_transactions" : "telecom_usage",
                    column.replace("tx:", ""),
                    operatorAndValue.replace("\n", "\n          ")));
    return policy.roles().get("analyst").datasets().values().iterator().next().rowFilter();
  }

  @Test
  void loadsTheRepositoryPolicyWithItsThreeDemoRoles() {
    AccessPolicy policy = AccessPolicyLoader.load(DATASETS.resolve("access.yaml"), CONTRACTS);

    assertThat(policy.roles()).containsOnlyKeys("analyst", "data-scientist", "admin");
    RoleGrant analyst = policy.role("analyst").orElseThrow();
    assertThat(analyst.admin()).isFalse();
    assertThat(analyst.datasets()).containsOnlyKeys("bank_transactions", "telecom_usage");
    assertThat(analyst.datasets().get("bank_transactions"))
        .isEqualTo(new DatasetGrant("bank_transactions", List.of(), List.of("account_iban"), null));
    assertThat(analyst.datasets().get("telecom_usage"))
        .isEqualTo(new DatasetGrant("telecom_usage", List.of("subscriber_id"), List.of(), null));
    assertThat(analyst.exports()).isEmpty();
    RoleGrant scientist = policy.role("data-scientist").orElseThrow();
    assertThat(scientist.datasets()).containsOnlyKeys("telecom_usage");
    assertThat(scientist.datasets().get("telecom_usage"))
        .isEqualTo(DatasetGrant.unrestricted("telecom_usage"));
    assertThat(scientist.exports()).containsExactly("telecom_usage");
    RoleGrant admin = policy.role("admin").orElseThrow();
    assertThat(admin.admin()).isTrue();
    assertThat(admin.datasets()).isEmpty();
  }

  @Test
  void loadsPolicyCheckedAgainstContractsGivenAsMap(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("access.yaml");
    Files.writeString(file, "roles:\n  analyst:\n    datasets:\n      telecom_usage: {}\n");

    assertThatThrownBy(() -> AccessPolicyLoader.load(file, Map.of()))
        .isInstanceOf(AccessPolicyException.class)
        .hasMessage(
            PREFIX
                + "roles.analyst.datasets.telecom_usage: unknown dataset telecom_usage (no"
                + " contract)");
  }

  @Test
  void keepsRolesPrincipalsReportsAndExportsInDeclarationOrder() {
    AccessPolicy policy =
        parse(
            """
            roles:
              reporting:
                description: Finance reporting.
                principals:
                  - arn:aws:iam::123456789012:role/finance/Reporting
                  - arn:aws:iam::123456789012:user/jane
                datasets:
                  telecom_usage:
                  bank_transactions: {}
                reports: [monthly_volume, top-counterparties]
                exports: [bank_transactions]
              ops:
                admin: true
            """);

    assertThat(policy.roles()).containsOnlyKeys("reporting", "ops");
    assertThat(policy.roles().keySet()).containsExactly("reporting", "ops");
    RoleGrant reporting = policy.roles().get("reporting");
    assertThat(reporting.description()).isEqualTo("Finance reporting.");
    assertThat(reporting.principals())
        .containsExactly(
            "arn:aws:iam::123456789012:role/finance/Reporting",
            "arn:aws:iam::123456789012:user/jane");
    assertThat(reporting.datasets().keySet()).containsExactly("telecom_usage", "bank_transactions");
    assertThat(reporting.datasets().get("telecom_usage"))
        .isEqualTo(DatasetGrant.unrestricted("telecom_usage"));
    assertThat(reporting.reports()).containsExactly("monthly_volume", "top-counterparties");
    assertThat(reporting.exports()).containsExactly("bank_transactions");
  }

  @Test
  void mapsPrincipalsToTheirRole() {
    AccessPolicy policy =
        parse(
            """
            roles:
              analyst:
                principals: [arn:aws:iam::123456789012:role/Analysts]
              admin:
                admin: true
                principals: [arn:aws:iam::123456789012:role/Ops]
            """);

    assertThat(policy.roleOfPrincipal("arn:aws:iam::123456789012:role/Ops"))
        .map(RoleGrant::name)
        .contains("admin");
    assertThat(policy.roleOfPrincipal("arn:aws:iam::123456789012:role/Analysts"))
        .map(RoleGrant::name)
        .contains("analyst");
    assertThat(policy.roleOfPrincipal("arn:aws:iam::123456789012:role/Other")).isEmpty();
    assertThat(policy.role("nobody")).isEmpty();
  }

  @Test
  void deniesByDefaultAndLetsAdminsDoEverything() {
    AccessPolicy policy = AccessPolicyLoader.load(DATASETS.resolve("access.yaml"), CONTRACTS);
    RoleGrant scientist = policy.role("data-scientist").orElseThrow();
    RoleGrant admin = policy.role("admin").orElseThrow();

    assertThat(scientist.canSee("telecom_usage")).isTrue();
    assertThat(scientist.canSee("bank_transactions")).isFalse();
    assertThat(scientist.grantFor("bank_transactions")).isEmpty();
    assertThat(scientist.canExport("telecom_usage")).isTrue();
    assertThat(policy.role("analyst").orElseThrow().canExport("telecom_usage")).isFalse();
    assertThat(scientist.canRunReport("monthly_volume")).isFalse();
    assertThat(admin.canSee("bank_transactions")).isTrue();
    assertThat(admin.grantFor("bank_transactions"))
        .contains(DatasetGrant.unrestricted("bank_transactions"));
    assertThat(admin.canExport("bank_transactions")).isTrue();
    assertThat(admin.canRunReport("monthly_volume")).isTrue();
  }

  @Test
  void readsAnEmptyRoleListAsAPolicyThatGrantsNothing() {
    assertThat(parse("roles: {}\n").roles()).isEmpty();
    assertThat(parse("{}\n").roles()).isEmpty();
  }

  @Test
  void typesRowFilterValuesLikeTheirColumn() {
    assertThat(filterOf("event_type", "operator: in\nvalues: [call, sms]"))
        .isEqualTo(new RowFilter("event_type", FilterOperator.IN, List.of("call", "sms")));
    assertThat(filterOf("duration_s", "operator: \">=\"\nvalue: 60"))
        .isEqualTo(RowFilter.of("duration_s", FilterOperator.GREATER_OR_EQUAL, 60));
    assertThat(filterOf("bytes", "operator: <\nvalue: 5000000000"))
        .isEqualTo(RowFilter.of("bytes", FilterOperator.LESS, 5_000_000_000L));
    assertThat(filterOf("event_time", "operator: \">\"\nvalue: 2024-01-15T00:00:00+01:00"))
        .isEqualTo(
            RowFilter.of(
                "event_time", FilterOperator.GREATER, Instant.parse("2024-01-14T23:00:00Z")));
    assertThat(filterOf("tx:booking_date", "operator: \"<=\"\nvalue: 2024-01-31"))
        .isEqualTo(
            RowFilter.of(
                "booking_date", FilterOperator.LESS_OR_EQUAL, LocalDate.parse("2024-01-31")));
    assertThat(filterOf("tx:amount", "operator: \"!=\"\nvalue: 12.5"))
        .isEqualTo(RowFilter.of("amount", FilterOperator.NOT_EQUAL, new BigDecimal("12.50")));
    assertThat(filterOf("tx:amount", "operator: \"=\"\nvalue: \"-3\""))
        .isEqualTo(RowFilter.of("amount", FilterOperator.EQUAL, new BigDecimal("-3.00")));
    assertThat(filterOf("tx:currency", "operator: not in\nvalues: [GBP]"))
        .isEqualTo(new RowFilter("currency", FilterOperator.NOT_IN, List.of("GBP")));
    assertThat(filterOf("cell_id", "operator: \"=\"\nvalue: 4711"))
        .isEqualTo(RowFilter.of("cell_id", FilterOperator.EQUAL, "4711"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          unknown top key          | rules: {}                                                                 | rules: unknown key (expected one of roles)
          roles not a mapping      | roles: [analyst]                                                          | roles: must be a mapping of names
          role name upper case     | roles: {Analyst: {}}                                                      | roles.Analyst: role name must match [a-z][a-z0-9]*(-[a-z0-9]+)*
          role name underscore     | roles: {data_scientist: {}}                                               | roles.data_scientist: role name must match [a-z][a-z0-9]*(-[a-z0-9]+)*
          role not a mapping       | roles: {analyst: yes}                                                     | roles.analyst: must be a mapping
          unknown role key         | roles: {analyst: {dataset: {}}}                                           | roles.analyst.dataset: unknown key (expected one of admin, datasets, description, exports, principals, reports)
          admin not boolean        | roles: {analyst: {admin: maybe}}                                          | roles.analyst.admin: must be true or false, got 'maybe'
          admin lists datasets     | roles: {ops: {admin: true, datasets: {telecom_usage: {}}}}                | roles.ops.datasets: an admin role may do everything; remove this list
          admin lists exports      | roles: {ops: {admin: true, exports: []}}                                  | roles.ops.exports: an admin role may do everything; remove this list
          principal not an ARN     | roles: {analyst: {principals: [jane]}}                                    | roles.analyst.principals[0]: 'jane' is not an IAM role or user ARN
          principal a session      | roles: {analyst: {principals: ['arn:aws:sts::123456789012:assumed-role/A/s']}} | roles.analyst.principals[0]: 'arn:aws:sts::123456789012:assumed-role/A/s' is not an IAM role or user ARN
          principal in two roles   | roles: {a: {principals: ['arn:aws:iam::123456789012:role/X']}, b: {principals: ['arn:aws:iam::123456789012:role/X']}} | roles.b.principals[0]: arn:aws:iam::123456789012:role/X already holds role a
          principal twice in role  | roles: {a: {principals: ['arn:aws:iam::123456789012:role/X', 'arn:aws:iam::123456789012:role/X']}} | roles.a.principals[1]: arn:aws:iam::123456789012:role/X already holds role a
          datasets not a mapping   | roles: {analyst: {datasets: [telecom_usage]}}                             | roles.analyst.datasets: must be a mapping of names
          unknown dataset          | roles: {analyst: {datasets: {payments: {}}}}                              | roles.analyst.datasets.payments: unknown dataset payments (no contract)
          unknown grant key        | roles: {analyst: {datasets: {telecom_usage: {hide: [bytes]}}}}            | roles.analyst.datasets.telecom_usage.hide: unknown key (expected one of hidden, masked, row_filter)
          unknown hidden column    | roles: {analyst: {datasets: {telecom_usage: {hidden: [imsi]}}}}           | roles.analyst.datasets.telecom_usage.hidden[0]: unknown column imsi in dataset telecom_usage
          unknown masked column    | roles: {analyst: {datasets: {bank_transactions: {masked: [iban]}}}}       | roles.analyst.datasets.bank_transactions.masked[0]: unknown column iban in dataset bank_transactions
          hidden not a list        | roles: {analyst: {datasets: {telecom_usage: {hidden: bytes}}}}            | roles.analyst.datasets.telecom_usage.hidden: must be a list
          hidden twice             | roles: {analyst: {datasets: {telecom_usage: {hidden: [bytes, bytes]}}}}   | roles.analyst.datasets.telecom_usage.hidden[1]: column bytes is listed twice
          hidden and masked        | roles: {analyst: {datasets: {telecom_usage: {hidden: [bytes], masked: [bytes]}}}} | roles.analyst.datasets.telecom_usage.masked[0]: column bytes is hidden already; a column is either hidden or masked
          bad report name          | roles: {analyst: {reports: [Monthly]}}                                    | roles.analyst.reports[0]: report name 'Monthly' must match [a-z][a-z0-9_-]*
          report twice             | roles: {analyst: {reports: [monthly, monthly]}}                           | roles.analyst: Cannot create role analyst: report 'monthly' is listed twice
          export not visible       | roles: {analyst: {datasets: {telecom_usage: {}}, exports: [bank_transactions]}} | roles.analyst.exports[0]: cannot export dataset bank_transactions, which the role cannot see (list it under datasets)
          export unknown dataset   | roles: {analyst: {exports: [payments]}}                                   | roles.analyst.exports[0]: cannot export dataset payments, which the role cannot see (list it under datasets)
          """)
  void refusesPolicyNamingTheField(String rule, String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(AccessPolicyException.class)
        .hasMessage(PREFIX + message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          unknown filter key       | {column: bytes, operator: '=', value: 1, values: [1], extra: 1} | row_filter.extra: unknown key (expected one of column, operator, value, values)
          filter without column    | {operator: '=', value: 1}                                        | row_filter.column: is required
          unknown filter column    | {column: imsi, operator: '=', value: x}                          | row_filter.column: unknown column imsi in dataset telecom_usage
          filter on PII column     | {column: subscriber_id, operator: '=', value: x}                 | row_filter.column: column subscriber_id holds PII (hash); its stored values cannot be filtered on
          unknown operator         | {column: bytes, operator: like, value: 1}                        | row_filter.operator: unknown operator 'like' (expected one of =, !=, <, <=, >, >=, in, not in)
          SQL as operator          | {column: bytes, operator: '= 1 OR 1=1 --', value: 1}             | row_filter.operator: unknown operator '= 1 OR 1=1 --' (expected one of =, !=, <, <=, >, >=, in, not in)
          in with value            | {column: event_type, operator: in, value: call}                  | row_filter.value: 'in' takes a list: use values
          in with empty values     | {column: event_type, operator: in, values: []}                   | row_filter.values: 'in' needs at least one value
          equals with values       | {column: event_type, operator: '=', values: [call]}              | row_filter.values: '=' takes one value: use value
          equals without value     | {column: event_type, operator: '='}                              | row_filter.value: is required
          value a list             | {column: event_type, operator: '=', value: {a: 1}}               | row_filter.value: must be a single value
          int as text              | {column: duration_s, operator: '=', value: sixty}                | row_filter.value: 'sixty' is not a value of type int
          int too large            | {column: duration_s, operator: '=', value: 3000000000}           | row_filter.value: '3000000000' is not a value of type int
          long with fraction       | {column: bytes, operator: '=', value: 1.5}                       | row_filter.value: '1.5' is not a value of type long
          string as boolean        | {column: event_type, operator: '=', value: true}                 | row_filter.value: 'true' is not a value of type string
          timestamp without offset | {column: event_time, operator: '>', value: '2024-01-15T00:00:00'} | row_filter.value: '2024-01-15T00:00:00' is not a value of type timestamp (ISO timestamp with offset, e.g. 2024-01-15T00:00:00Z)
          bad list item            | {column: event_type, operator: in, values: [call, [sms]]}        | row_filter.values[1]: must be a single value
          """)
  void refusesRowFilterNamingTheField(String rule, String filter, String message) {
    String yaml = "roles: {analyst: {datasets: {telecom_usage: {row_filter: " + filter + "}}}}";

    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(AccessPolicyException.class)
        .hasMessage(PREFIX + "roles.analyst.datasets.telecom_usage." + message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          decimal too many digits  | {column: amount, operator: '=', value: 1.234}     | row_filter.value: '1.234' is not a value of type decimal(18,2) (at most 2 fraction digits)
          decimal too large        | {column: amount, operator: '=', value: 12345678901234567890} | row_filter.value: '12345678901234567890' is not a value of type decimal(18,2) (at most 2 fraction digits)
          decimal as word          | {column: amount, operator: '=', value: ten}       | row_filter.value: 'ten' is not a value of type decimal(18,2) (at most 2 fraction digits)
          date not ISO             | {column: booking_date, operator: '<', value: 15.01.2024} | row_filter.value: '15.01.2024' is not a value of type date (ISO date, e.g. 2024-01-15)
          date as number           | {column: booking_date, operator: '<', value: 20240115} | row_filter.value: '20240115' is not a value of type date (ISO date, e.g. 2024-01-15)
          """)
  void refusesRowFilterValuesOfTheWrongType(String rule, String filter, String message) {
    String yaml = "roles: {analyst: {datasets: {bank_transactions: {row_filter: " + filter + "}}}}";

    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(AccessPolicyException.class)
        .hasMessage(PREFIX + "roles.analyst.datasets.bank_transactions." + message);
  }

  @Test
  void refusesInvalidYamlAndDuplicateKeys() {
    assertThatThrownBy(() -> parse("roles: [unclosed\n"))
        .isInstanceOf(AccessPolicyException.class)
        .hasMessageStartingWith(PREFIX + "invalid YAML: ");
    assertThatThrownBy(() -> parse("roles:\n  analyst: {}\n  analyst: {}\n"))
        .isInstanceOf(AccessPolicyException.class)
        .hasMessage(PREFIX + "invalid YAML: Duplicate field 'analyst'");
    assertThatThrownBy(() -> parse("- roles\n"))
        .isInstanceOf(AccessPolicyException.class)
        .hasMessage(PREFIX + "(document): must be a mapping");
  }

  @Test
  void leavesOutOnlyTheGrantsOnADatasetWhoseContractIsBroken(@TempDir Path dir) throws Exception {
    Files.copy(DATASETS.resolve("telecom_usage.yaml"), dir.resolve("telecom_usage.yaml"));
    Files.writeString(
        dir.resolve("bank_transactions.yaml"), "name: bank_transactions\nversion: first\n");
    ContractRepository contracts = new DirectoryContractRepository(dir);

    AccessPolicy policy =
        AccessPolicyLoader.parse(
            "access.yaml",
            new ByteArrayInputStream(
                """
                roles:
                  scientist:
                    datasets: {bank_transactions: {masked: [account_iban]}, telecom_usage: {}}
                    reports: [daily_balance]
                    exports: [bank_transactions, telecom_usage]
                """
                    .getBytes(StandardCharsets.UTF_8)),
            contracts);

    RoleGrant scientist = policy.role("scientist").orElseThrow();
    assertThat(scientist.datasets()).containsOnlyKeys("telecom_usage");
    assertThat(scientist.exports()).containsExactly("telecom_usage");
    assertThat(scientist.reports()).containsExactly("daily_balance");
    assertThat(scientist.canSee("bank_transactions")).isFalse();
  }

  @Test
  void refusesMissingFileNamingIt(@TempDir Path dir) {
    assertThatThrownBy(() -> AccessPolicyLoader.load(dir.resolve("access.yaml"), CONTRACTS))
        .isInstanceOf(AccessPolicyException.class)
        .hasMessage(PREFIX + "NoSuchFileException");
  }
}
