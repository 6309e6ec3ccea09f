package io.strata.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The lake deployed before the query function exists: {@code -c strata:queryZip=}. */
class QueryApiLeftOutTest {

  private static TestStacks.Synthesized synthesized;
  private static Template template;

  @BeforeAll
  static void synthesize() {
    synthesized = TestStacks.withoutQueryApi();
    template = synthesized.template();
  }

  @Test
  void leavesOutTheQueryFunctionTheApiAndTheConsumerRoles() {
    template.resourceCountIs("AWS::ApiGatewayV2::Api", 0);
    template.resourceCountIs("AWS::ApiGatewayV2::Route", 0);
    assertThat(template.findResources("AWS::Lambda::Function").keySet())
        .noneSatisfy(id -> assertThat(id).startsWith("Query"))
        .noneSatisfy(id -> assertThat(id).startsWith("Exports"))
        .noneSatisfy(id -> assertThat(id).startsWith("ReportRefresh"))
        .anySatisfy(id -> assertThat(id).startsWith("IngestFunction"))
        .anySatisfy(id -> assertThat(id).startsWith("MaintenanceFunction"));
    // The maintenance schedule is the only rule: no export finisher or report refresh without the
    // query API, the only reader of what they write.
    assertThat(template.findResources("AWS::Events::Rule").keySet())
        .singleElement()
        .satisfies(id -> assertThat(id).startsWith("MaintenanceSchedule"));
    assertThat(template.findResources("AWS::IAM::Role").keySet())
        .noneSatisfy(id -> assertThat(id).startsWith("Consumers"))
        .noneSatisfy(id -> assertThat(id).startsWith("Query"));
    assertThat(template.findResources("AWS::CloudWatch::Alarm").keySet())
        .hasSize(11)
        .anySatisfy(id -> assertThat(id).startsWith("OperationsMaintenanceErrors"))
        .anySatisfy(id -> assertThat(id).startsWith("MonitoringQuarantineRate"))
        .anySatisfy(id -> assertThat(id).startsWith("LargeFilesFailures"))
        .noneSatisfy(id -> assertThat(id).startsWith("OperationsQuery"))
        .noneSatisfy(id -> assertThat(id).startsWith("OperationsExport"));
  }

  @Test
  void outputsNoApiUrlQueryFunctionOrRoleArns() {
    assertThat(template.findOutputs("*").keySet())
        .containsExactlyInAnyOrder(
            "RawBucketName",
            "HistoryBucketName",
            "AnalyticsBucketName",
            "IngestFunctionName",
            "DeadLetterQueueUrl",
            "GlueDatabase",
            "AthenaWorkGroup",
            "PiiHashKeySecretArn",
            "MaintenanceFunctionName",
            "DashboardName",
            "AlarmTopicArn");
  }

  @Test
  void warnsThatTheQueryApiIsLeftOut() {
    synthesized
        .annotations()
        .hasWarning("/Strata", Match.stringLikeRegexp("The query API is left out: .*"));
    assertThat(synthesized.annotations().findWarning("*", Match.anyValue()))
        .extracting(m -> String.valueOf(m.getEntry().getData()))
        .anySatisfy(w -> assertThat(w).startsWith(StrataStack.QUERY_API_LEFT_OUT));
  }

  @Test
  void stillDeploysTheContractsAndPassesCdkNag() {
    template.resourceCountIs("Custom::CDKBucketDeployment", 1);
    assertThat(TestStacks.nagFindings(synthesized)).isEmpty();
  }

  @Test
  void namesTheWayOutWhenTheQueryZipIsMissing() {
    Map<String, Object> zips = TestStacks.zipsMissing("query", "ingest");

    assertThatThrownBy(() -> TestStacks.synthesize(zips))
        .isInstanceOf(StrataConfigException.class)
        .hasMessageStartingWith(
            "Cannot use function zip ../functions/query/target/not-built/function.zip: file not found")
        .hasMessageEndingWith(
            "or set it empty (-c strata:queryZip=) to deploy without the query API");
  }

  @Test
  void namesTheWayOutWhenTheExportFinisherZipIsMissing() {
    Map<String, Object> zips = TestStacks.zipsMissing("exports", "ingest", "query");

    assertThatThrownBy(() -> TestStacks.synthesize(zips))
        .isInstanceOf(StrataConfigException.class)
        .hasMessageStartingWith(
            "Cannot use function zip ../functions/exports/target/not-built/function.zip: file not"
                + " found; build it first with `./mvnw -pl functions/exports -am package"
                + " -DskipTests`")
        .hasMessageEndingWith(
            "or set strata:queryZip empty to deploy without the query API and its exports");
  }
}
