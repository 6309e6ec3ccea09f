package io.strata.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrataConfigTest {

  @Test
  void documentsInCdkJsonExactlyTheDefaultsTheAppUses() {
    Map<String, String> cdkJson =
        TestStacks.cdkJsonContext().entrySet().stream()
            .filter(e -> e.getKey().startsWith("strata:"))
            .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
    Map<String, String> defaults =
        StrataConfig.DEFAULTS.entrySet().stream()
            .filter(e -> !e.getKey().equals("strata:stackName"))
            .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));

    assertThat(cdkJson).isEqualTo(defaults);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          strata:architecture          | arm64 | i386  | i386 (expected arm64 or x86_64)
          strata:ingestMemoryMb        | 1024  | 512   | 512 (1024 to 10240)
          strata:ingestEphemeralStorageMb | 2048 | 100 | 100 (512 to 10240)
          strata:ingestReservedConcurrency | 0 | -1    | -1 (0 reserves none)
          strata:queryWaitSeconds      | 25    | 26    | 26 (0 to 25)
          strata:queryWaitSeconds      | 0     | -1    | -1 (0 to 25)
          strata:rawRetentionDays      | 365   | 0     | 0 (at least 1)
          strata:historyNoncurrentVersionDays | 30 | 0  | 0 (at least 1)
          strata:contractsPrefix       | _strata/datasets/ | /abs | /abs (folders ending in /, e.g. _strata/datasets/)
          strata:catalogDatabase       | strata_lake | Strata-Lake | Strata-Lake (lower snake case)
          strata:athenaBytesScannedCutoffPerQuery | 10737418240 | 1000 | 1000 (Athena's minimum is 10000000)
          strata:consumerTrust         | ''    | someone | someone (account ids or IAM ARNs, comma-separated)
          strata:logRetentionDays      | 30    | 31    | 31 (one of CloudWatch's retention periods, e.g. 7, 30, 90, 365)
          """)
  void refusesInvalidContextValuesNamingTheKey(
      String key, String valid, String invalid, String shown) {
    assertThat(config(key, valid)).isNotNull();
    assertThatThrownBy(() -> config(key, invalid))
        .isInstanceOf(StrataConfigException.class)
        .hasMessage("Cannot configure Strata: context " + key + " has an invalid value " + shown);
  }

  @Test
  void leavesTheQueryApiOutOnlyForAnEmptyQueryZip() {
    assertThat(config("strata:queryZip", "").deploysQueryApi()).isFalse();
    assertThat(
            config("strata:queryZip", "../functions/query/target/function.zip").deploysQueryApi())
        .isTrue();
  }

  @Test
  void acceptsTrustOfSeveralAccountsAndRoles() {
    StrataConfig config =
        config("strata:consumerTrust", "123456789012, arn:aws:iam::210987654321:role/DataPlatform");

    assertThat(config.consumerTrust())
        .isEqualTo("123456789012, arn:aws:iam::210987654321:role/DataPlatform");
  }

  /** A configuration with the defaults and one value changed, built without a CDK app. */
  private static StrataConfig config(String key, String value) {
    Map<String, Object> values = new HashMap<>(StrataConfig.DEFAULTS);
    values.put(key, value);
    return new StrataConfig(
        (String) values.get("strata:stackName"),
        Path.of((String) values.get("strata:datasetsDir")),
        Path.of((String) values.get("strata:ingestZip")),
        Path.of((String) values.get("strata:queryZip")),
        Path.of((String) values.get("strata:exportsZip")),
        Path.of((String) values.get("strata:maintenanceZip")),
        Path.of((String) values.get("strata:reportsZip")),
        (String) values.get("strata:architecture"),
        number(values, "strata:ingestMemoryMb").intValue(),
        number(values, "strata:ingestEphemeralStorageMb").intValue(),
        number(values, "strata:ingestReservedConcurrency").intValue(),
        number(values, "strata:queryMemoryMb").intValue(),
        number(values, "strata:queryWaitSeconds").intValue(),
        number(values, "strata:rawRetentionDays").intValue(),
        number(values, "strata:athenaResultsExpiryDays").intValue(),
        number(values, "strata:historyNoncurrentVersionDays").intValue(),
        (String) values.get("strata:contractsPrefix"),
        (String) values.get("strata:catalogDatabase"),
        (String) values.get("strata:athenaWorkGroup"),
        number(values, "strata:athenaBytesScannedCutoffPerQuery"),
        number(values, "strata:athenaDailyBytesScannedAlarm"),
        (String) values.get("strata:consumerTrust"),
        number(values, "strata:logRetentionDays").intValue(),
        (String) values.get("strata:alarmEmail"),
        number(values, "strata:quarantineRateAlarmPercent").intValue(),
        number(values, "strata:maintenanceRateHours").intValue());
  }

  private static Long number(Map<String, Object> values, String key) {
    return Long.valueOf(String.valueOf(values.get(key)));
  }
}
