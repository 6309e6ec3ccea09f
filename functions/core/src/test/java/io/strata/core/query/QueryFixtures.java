package io.strata.core.query;

import io.strata.core.access.AccessPolicy;
import io.strata.core.access.AccessPolicyLoader;
import io.strata.core.access.DatasetGrant;
import io.strata.core.access.RoleGrant;
import io.strata.core.access.RowFilter;
import io.strata.core.contract.ColumnRules;
import io.strata.core.contract.ColumnSpec;
import io.strata.core.contract.ColumnType;
import io.strata.core.contract.ColumnType.Kind;
import io.strata.core.contract.CsvOptions;
import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.DirectoryContractRepository;
import io.strata.core.contract.ErrorPolicy;
import io.strata.core.contract.ExtraColumnPolicy;
import io.strata.core.contract.PartitionSpec;
import io.strata.core.contract.Pii;
import io.strata.core.contract.SchemaEvolution;
import io.strata.core.contract.SourceFormat;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Contracts, roles and requests shared by the query tests. */
public final class QueryFixtures {

  /** The repository's own contracts and access policy. */
  public static final Path DATASETS = Path.of("../../datasets");

  public static final DirectoryContractRepository CONTRACTS =
      new DirectoryContractRepository(DATASETS);

  /** "Now" for planners: after every demo batch. */
  public static final Instant NOW = Instant.parse("2024-01-20T12:00:00Z");

  public static final QueryLimits LIMITS = new QueryLimits(1000, 100000);

  private QueryFixtures() {}

  public static QueryPlanner planner() {
    return new QueryPlanner(LIMITS, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** A planner on the real clock, for asOf instants taken from real commits. */
  public static QueryPlanner livePlanner() {
    return new QueryPlanner(LIMITS, Clock.systemUTC());
  }

  public static DatasetContract bank() {
    return CONTRACTS.find("bank_transactions").orElseThrow();
  }

  public static DatasetContract telecom() {
    return CONTRACTS.find("telecom_usage").orElseThrow();
  }

  public static Map<String, DatasetContract> demoContracts() {
    return Map.of("bank_transactions", bank(), "telecom_usage", telecom());
  }

  public static AccessPolicy policy() {
    return AccessPolicyLoader.load(DATASETS.resolve("access.yaml"), CONTRACTS);
  }

  public static RoleGrant role(String name) {
    return policy().role(name).orElseThrow();
  }

  public static RoleGrant admin() {
    return RoleGrant.admin("admin", "", List.of());
  }

  /** A role seeing one dataset with the given grant. */
  public static RoleGrant roleWith(String name, DatasetGrant grant) {
    return new RoleGrant(
        name, "", false, List.of(), Map.of(grant.dataset(), grant), List.of(), List.of());
  }

  public static DatasetGrant grant(
      String dataset, List<String> hidden, List<String> masked, RowFilter rowFilter) {
    return new DatasetGrant(dataset, hidden, masked, rowFilter);
  }

  /**
   * A payments dataset with a column of every type, PII columns of each mode, an identity partition
   * on {@code booking_date} and a day partition of {@code booked_at}.
   */
  public static DatasetContract payments() {
    return new DatasetContract(
        "payments",
        1,
        "",
        SourceFormat.CSV,
        CsvOptions.DEFAULT,
        List.of(
            column("id", ColumnType.of(Kind.LONG), Pii.NONE),
            column("booking_date", ColumnType.date(null), Pii.NONE),
            column("customer", ColumnType.of(Kind.STRING), Pii.NONE),
            column("iban", ColumnType.of(Kind.STRING), new Pii(Pii.PiiMode.MASK, 4)),
            column("email", ColumnType.of(Kind.STRING), new Pii(Pii.PiiMode.HASH, 0)),
            column("secret", ColumnType.of(Kind.STRING), new Pii(Pii.PiiMode.DROP, 0)),
            column("active", ColumnType.of(Kind.BOOLEAN), Pii.NONE),
            column("quantity", ColumnType.of(Kind.INT), Pii.NONE),
            column("amount", ColumnType.decimal(18, 2), Pii.NONE),
            column("ratio", ColumnType.of(Kind.DOUBLE), Pii.NONE),
            column("booked_at", ColumnType.timestamp(null), Pii.NONE)),
        List.of("id"),
        List.of(
            new PartitionSpec("booking_date", "booking_date", PartitionSpec.Transform.IDENTITY),
            new PartitionSpec("booked_day", "booked_at", PartitionSpec.Transform.DAY)),
        ErrorPolicy.STRICT,
        ExtraColumnPolicy.REJECT,
        SchemaEvolution.ADDITIVE);
  }

  private static ColumnSpec column(String name, ColumnType type, Pii pii) {
    boolean required = name.equals("id") || name.equals("booking_date") || name.equals("booked_at");
    return new ColumnSpec(name, type, required, ColumnRules.NONE, pii, "the " + name);
  }

  public static QueryRequest columns(String... columns) {
    return new QueryRequest(Arrays.asList(columns), null, null, null, null, null);
  }

  public static QueryRequest filters(FilterRequest... filters) {
    return new QueryRequest(null, Arrays.asList(filters), null, null, null, null);
  }

  public static FilterRequest filter(String column, String op, Object value) {
    return new FilterRequest(column, op, value, null);
  }

  public static FilterRequest filterValues(String column, String op, Object... values) {
    return new FilterRequest(column, op, null, Arrays.asList(values));
  }
}
