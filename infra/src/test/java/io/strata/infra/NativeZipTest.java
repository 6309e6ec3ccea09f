package io.strata.infra;

import static io.strata.infra.Templates.properties;
import static io.strata.infra.Templates.variables;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class NativeZipTest {

  private static TestStacks.Synthesized synthesized;
  private static Template template;

  @BeforeAll
  static void synthesize() {
    synthesized = TestStacks.nativeX86();
    template = synthesized.template();
  }

  @Test
  void runsNativeZipsOnProvidedAl2023WithTheConfiguredArchitecture() {
    Map<String, Map<String, Object>> functions = template.findResources("AWS::Lambda::Function");
    List<Map<String, Object>> strata =
        functions.entrySet().stream()
            .filter(e -> e.getKey().startsWith("Ingest") || e.getKey().startsWith("Query"))
            .map(e -> properties(e.getValue()))
            .toList();

    assertThat(strata)
        .hasSize(2)
        .allSatisfy(
            f ->
                assertThat(f)
                    .containsEntry("Runtime", "provided.al2023")
                    .containsEntry("Handler", FunctionZip.NATIVE_HANDLER)
                    .containsEntry("Architectures", List.of("x86_64")));
  }

  @Test
  void givesANativeIngestNoJvmOptions() {
    Map<String, Object> ingest = properties(template, "AWS::Lambda::Function", "IngestFunction");

    assertThat(variables(ingest))
        .containsKey("STRATA_HISTORY_BUCKET")
        .doesNotContainKey("JAVA_TOOL_OPTIONS");
  }

  @Test
  void reservesNoConcurrencyAndTakesStorageAndRetentionFromContext() {
    Map<String, Object> ingest = properties(template, "AWS::Lambda::Function", "IngestFunction");

    assertThat(variables(ingest))
        .as("compiled ahead of time")
        .doesNotContainKey("JAVA_TOOL_OPTIONS");
    assertThat(ingest)
        .doesNotContainKey("ReservedConcurrentExecutions")
        .containsEntry("EphemeralStorage", Map.of("Size", 4096));
    template.hasResourceProperties(
        "AWS::S3::Bucket",
        Map.of(
            "LifecycleConfiguration",
            Map.of(
                "Rules",
                List.of(Match.objectLike(Map.of("Id", "raw-retention", "ExpirationInDays", 30))))));
  }

  @Test
  void waitsForAthenaAsLongAsContextSaysWithinTheSameTimeout() {
    Map<String, Object> query = properties(template, "AWS::Lambda::Function", "QueryFunction");

    assertThat(query).containsEntry("Timeout", 30);
    assertThat(variables(query)).containsEntry("STRATA_QUERY_WAIT", "20");
  }

  @Test
  void trustsTheConfiguredAccountAndSubscribesNoEmail() {
    template.resourceCountIs("AWS::SNS::Subscription", 0);
    assertThat(template.findResources("AWS::IAM::Role").entrySet())
        .filteredOn(e -> e.getKey().startsWith("Consumers"))
        .hasSize(3)
        .allSatisfy(
            e ->
                assertThat(properties(e.getValue()).get("AssumeRolePolicyDocument").toString())
                    .contains(":iam::210987654321:root"));
  }

  @Test
  void passesCdkNagWithLiteralRegionAndAccountInArns() {
    assertThat(TestStacks.nagFindings(synthesized)).isEmpty();
  }
}
