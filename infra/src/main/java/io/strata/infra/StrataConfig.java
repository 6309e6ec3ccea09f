package io.strata.infra;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Node;

/**
 * The app's settings, read from CDK context ({@code cdk.json}, or {@code -c key=value}); every key
 * and its default is documented in the README's "Deploy to AWS" section.
 *
 * @param queryZip the query function's zip; an empty path leaves the query API (and the consumer
 *     roles, which only invoke it) out of the stack
 * @param exportsZip the export finisher's zip, deployed with the query API
 * @param maintenanceZip the lake maintenance function's zip
 * @param reportsZip the report refresh function's zip
 * @param historyNoncurrentVersionDays days an overwritten or deleted history object's old version
 *     is kept
 * @param ingestReservedConcurrency reserved concurrent executions of the ingest function; 0
 *     reserves none
 * @param queryWaitSeconds how long the query API waits for Athena before it answers 202 with a
 *     query id; below the HTTP API's 30-second integration limit and the function's timeout
 * @param consumerTrust who may assume the generated consumer roles: comma-separated account ids or
 *     IAM ARNs; empty trusts this account's root (that is, its IAM policies)
 * @param alarmEmail an address subscribed to the alarm topic; empty subscribes none
 * @param quarantineRateAlarmPercent quarantined batches per 100 batches in an hour that raise the
 *     quarantine-rate alarm
 * @param maintenanceRateHours hours between two scheduled maintenance passes (compaction and
 *     snapshot expiry)
 */
public record StrataConfig(
    String stackName,
    Path datasetsDir,
    Path ingestZip,
    Path queryZip,
    Path exportsZip,
    Path maintenanceZip,
    Path reportsZip,
    String architecture,
    int ingestMemoryMb,
    int ingestEphemeralStorageMb,
    int ingestReservedConcurrency,
    int queryMemoryMb,
    int queryWaitSeconds,
    int rawRetentionDays,
    int athenaResultsExpiryDays,
    int historyNoncurrentVersionDays,
    String contractsPrefix,
    String catalogDatabase,
    String athenaWorkGroup,
    long athenaBytesScannedCutoffPerQuery,
    long athenaDailyBytesScannedAlarm,
    String consumerTrust,
    int logRetentionDays,
    String alarmEmail,
    int quarantineRateAlarmPercent,
    int maintenanceRateHours) {

  /**
   * The longest synchronous wait for Athena: the HTTP API gives up on its integration after 30
   * seconds, and the function needs time left to read the first page and answer.
   */
  public static final int MAX_QUERY_WAIT_SECONDS = 25;

  /** Context keys and their defaults, as in {@code infra/cdk.json}. */
  public static final Map<String, Object> DEFAULTS = defaults();

  private static final Map<Integer, RetentionDays> RETENTIONS =
      Map.ofEntries(
          Map.entry(1, RetentionDays.ONE_DAY),
          Map.entry(3, RetentionDays.THREE_DAYS),
          Map.entry(5, RetentionDays.FIVE_DAYS),
          Map.entry(7, RetentionDays.ONE_WEEK),
          Map.entry(14, RetentionDays.TWO_WEEKS),
          Map.entry(30, RetentionDays.ONE_MONTH),
          Map.entry(60, RetentionDays.TWO_MONTHS),
          Map.entry(90, RetentionDays.THREE_MONTHS),
          Map.entry(120, RetentionDays.FOUR_MONTHS),
          Map.entry(150, RetentionDays.FIVE_MONTHS),
          Map.entry(180, RetentionDays.SIX_MONTHS),
          Map.entry(365, RetentionDays.ONE_YEAR),
          Map.entry(400, RetentionDays.THIRTEEN_MONTHS),
          Map.entry(545, RetentionDays.EIGHTEEN_MONTHS),
          Map.entry(731, RetentionDays.TWO_YEARS),
          Map.entry(1096, RetentionDays.THREE_YEARS),
          Map.entry(1827, RetentionDays.FIVE_YEARS),
          Map.entry(2192, RetentionDays.SIX_YEARS),
          Map.entry(2557, RetentionDays.SEVEN_YEARS),
          Map.entry(2922, RetentionDays.EIGHT_YEARS),
          Map.entry(3288, RetentionDays.NINE_YEARS),
          Map.entry(3653, RetentionDays.TEN_YEARS));

  public StrataConfig {
    Objects.requireNonNull(datasetsDir, "datasetsDir");
    Objects.requireNonNull(ingestZip, "ingestZip");
    Objects.requireNonNull(queryZip, "queryZip");
    Objects.requireNonNull(exportsZip, "exportsZip");
    Objects.requireNonNull(maintenanceZip, "maintenanceZip");
    Objects.requireNonNull(reportsZip, "reportsZip");
    require(
        maintenanceRateHours >= 1 && maintenanceRateHours <= 24 * 7,
        "strata:maintenanceRateHours",
        maintenanceRateHours + " (1 to 168)");
    require(stackName.matches("[A-Za-z][A-Za-z0-9-]{0,127}"), "strata:stackName", stackName);
    require(
        architecture.equals("arm64") || architecture.equals("x86_64"),
        "strata:architecture",
        architecture + " (expected arm64 or x86_64)");
    require(
        ingestMemoryMb >= 1024 && ingestMemoryMb <= 10240,
        "strata:ingestMemoryMb",
        ingestMemoryMb + " (1024 to 10240)");
    require(
        ingestEphemeralStorageMb >= 512 && ingestEphemeralStorageMb <= 10240,
        "strata:ingestEphemeralStorageMb",
        ingestEphemeralStorageMb + " (512 to 10240)");
    require(
        ingestReservedConcurrency >= 0,
        "strata:ingestReservedConcurrency",
        ingestReservedConcurrency + " (0 reserves none)");
    require(
        queryMemoryMb >= 256 && queryMemoryMb <= 10240,
        "strata:queryMemoryMb",
        queryMemoryMb + " (256 to 10240)");
    require(
        queryWaitSeconds >= 0 && queryWaitSeconds <= MAX_QUERY_WAIT_SECONDS,
        "strata:queryWaitSeconds",
        queryWaitSeconds + " (0 to " + MAX_QUERY_WAIT_SECONDS + ")");
    require(rawRetentionDays >= 1, "strata:rawRetentionDays", rawRetentionDays + " (at least 1)");
    require(
        athenaResultsExpiryDays >= 1,
        "strata:athenaResultsExpiryDays",
        athenaResultsExpiryDays + " (at least 1)");
    require(
        historyNoncurrentVersionDays >= 1,
        "strata:historyNoncurrentVersionDays",
        historyNoncurrentVersionDays + " (at least 1)");
    require(
        contractsPrefix.matches("([A-Za-z0-9_.-]+/)+"),
        "strata:contractsPrefix",
        contractsPrefix + " (folders ending in /, e.g. _strata/datasets/)");
    require(
        catalogDatabase.matches("[a-z][a-z0-9_]{0,254}"),
        "strata:catalogDatabase",
        catalogDatabase + " (lower snake case)");
    require(
        athenaWorkGroup.matches("[A-Za-z0-9._-]{1,128}"),
        "strata:athenaWorkGroup",
        athenaWorkGroup);
    require(
        athenaBytesScannedCutoffPerQuery >= 10_000_000L,
        "strata:athenaBytesScannedCutoffPerQuery",
        athenaBytesScannedCutoffPerQuery + " (Athena's minimum is 10000000)");
    require(
        athenaDailyBytesScannedAlarm >= 1,
        "strata:athenaDailyBytesScannedAlarm",
        athenaDailyBytesScannedAlarm + " (at least 1)");
    require(
        consumerTrust.isBlank()
            || consumerTrust.matches(
                "\\s*([0-9]{12}|arn:aws[a-z-]*:iam::[0-9]{12}:[A-Za-z0-9+=,.@_/:-]+)"
                    + "(\\s*,\\s*([0-9]{12}|arn:aws[a-z-]*:iam::[0-9]{12}:[A-Za-z0-9+=,.@_/:-]+))*"
                    + "\\s*"),
        "strata:consumerTrust",
        consumerTrust + " (account ids or IAM ARNs, comma-separated)");
    require(
        RETENTIONS.containsKey(logRetentionDays),
        "strata:logRetentionDays",
        logRetentionDays + " (one of CloudWatch's retention periods, e.g. 7, 30, 90, 365)");
    require(
        alarmEmail.isEmpty() || alarmEmail.matches("[^@\\s]+@[^@\\s]+"),
        "strata:alarmEmail",
        alarmEmail);
    require(
        quarantineRateAlarmPercent >= 1 && quarantineRateAlarmPercent <= 100,
        "strata:quarantineRateAlarmPercent",
        quarantineRateAlarmPercent + " (1 to 100)");
  }

  /** Reads every key from the context of {@code node}, falling back to {@link #DEFAULTS}. */
  public static StrataConfig from(Node node) {
    Context context = new Context(node);
    return new StrataConfig(
        context.text("strata:stackName"),
        Path.of(context.text("strata:datasetsDir")),
        Path.of(context.text("strata:ingestZip")),
        Path.of(context.text("strata:queryZip")),
        Path.of(context.text("strata:exportsZip")),
        Path.of(context.text("strata:maintenanceZip")),
        Path.of(context.text("strata:reportsZip")),
        context.text("strata:architecture"),
        context.integer("strata:ingestMemoryMb"),
        context.integer("strata:ingestEphemeralStorageMb"),
        context.integer("strata:ingestReservedConcurrency"),
        context.integer("strata:queryMemoryMb"),
        context.integer("strata:queryWaitSeconds"),
        context.integer("strata:rawRetentionDays"),
        context.integer("strata:athenaResultsExpiryDays"),
        context.integer("strata:historyNoncurrentVersionDays"),
        context.text("strata:contractsPrefix"),
        context.text("strata:catalogDatabase"),
        context.text("strata:athenaWorkGroup"),
        context.number("strata:athenaBytesScannedCutoffPerQuery"),
        context.number("strata:athenaDailyBytesScannedAlarm"),
        context.text("strata:consumerTrust"),
        context.integer("strata:logRetentionDays"),
        context.text("strata:alarmEmail"),
        context.integer("strata:quarantineRateAlarmPercent"),
        context.integer("strata:maintenanceRateHours"));
  }

  /** Whether the stack deploys the query API: {@code strata:queryZip} is not empty. */
  public boolean deploysQueryApi() {
    return !queryZip.toString().isEmpty();
  }

  /** The Lambda architecture; a native zip must have been built for the same one. */
  public Architecture lambdaArchitecture() {
    return architecture.equals("arm64") ? Architecture.ARM_64 : Architecture.X86_64;
  }

  /** The CloudWatch retention of the functions' and the API's log groups. */
  public RetentionDays logRetention() {
    return RETENTIONS.get(logRetentionDays);
  }

  private static void require(boolean condition, String key, String value) {
    if (!condition) {
      throw new StrataConfigException(
          "Cannot configure Strata: context " + key + " has an invalid value " + value);
    }
  }

  private static Map<String, Object> defaults() {
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put("strata:stackName", "Strata");
    defaults.put("strata:datasetsDir", "../datasets");
    defaults.put("strata:ingestZip", "../functions/ingest/target/function.zip");
    defaults.put("strata:queryZip", "../functions/query/target/function.zip");
    defaults.put("strata:exportsZip", "../functions/exports/target/function.zip");
    defaults.put("strata:maintenanceZip", "../functions/maintenance/target/function.zip");
    defaults.put("strata:reportsZip", "../functions/reports/target/function.zip");
    defaults.put("strata:architecture", "arm64");
    defaults.put("strata:ingestMemoryMb", 1024);
    defaults.put("strata:ingestEphemeralStorageMb", 2048);
    defaults.put("strata:ingestReservedConcurrency", 0);
    defaults.put("strata:queryMemoryMb", 1024);
    defaults.put("strata:queryWaitSeconds", 8);
    defaults.put("strata:rawRetentionDays", 365);
    defaults.put("strata:athenaResultsExpiryDays", 7);
    defaults.put("strata:historyNoncurrentVersionDays", 30);
    defaults.put("strata:contractsPrefix", "_strata/datasets/");
    defaults.put("strata:catalogDatabase", "strata_lake");
    defaults.put("strata:athenaWorkGroup", "strata");
    defaults.put("strata:athenaBytesScannedCutoffPerQuery", 10_737_418_240L);
    defaults.put("strata:athenaDailyBytesScannedAlarm", 107_374_182_400L);
    defaults.put("strata:consumerTrust", "");
    defaults.put("strata:logRetentionDays", 30);
    defaults.put("strata:alarmEmail", "");
    defaults.put("strata:quarantineRateAlarmPercent", 20);
    defaults.put("strata:maintenanceRateHours", 6);
    return Collections.unmodifiableMap(defaults);
  }

  /** Context values as text or numbers, whichever way cdk.json or {@code -c} gave them. */
  private record Context(Node node) {

    Object raw(String key) {
      Object value = node.tryGetContext(key);
      if (value == null) {
        value = DEFAULTS.get(key);
      }
      if (value == null) {
        throw new IllegalArgumentException("No default for context key " + key);
      }
      return value;
    }

    String text(String key) {
      return String.valueOf(raw(key)).trim();
    }

    int integer(String key) {
      long value = number(key);
      if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
        throw new StrataConfigException(
            "Cannot configure Strata: context " + key + " is out of range: " + value);
      }
      return (int) value;
    }

    long number(String key) {
      Object value = raw(key);
      if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
        return n.longValue();
      }
      try {
        return Long.parseLong(String.valueOf(value).trim());
      } catch (NumberFormatException e) {
        throw new StrataConfigException(
            "Cannot configure Strata: context " + key + " must be a whole number, got " + value);
      }
    }
  }
}
