package io.strata.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The large-file state machine, its role and its failure path, as synthesized. */
class LargeFilesTest {

  private static Template template;
  private static String definition;

  @BeforeAll
  static void synthesize() {
    template = TestStacks.jvm().template();
    Map<String, Map<String, Object>> machines =
        template.findResources("AWS::StepFunctions::StateMachine");
    assertThat(machines).hasSize(1);
    definition = String.valueOf(machines.values().iterator().next().get("Properties"));
  }

  @Test
  void runsPlanTwoDistributedMapsOverTheHistoryBucketKeysAndCommitWithTheIngestFunction() {
    assertThat(definition)
        .contains("\"Plan\"")
        .contains("\"Keys\"")
        .contains("\"Commit\"")
        .contains("\"Mode\":\"DISTRIBUTED\"")
        .contains("\"Key.$\":\"$.itemsKey\"")
        .contains("\"Key.$\":\"$.rerunsKey\"")
        .contains("\"MaxConcurrency\":" + LargeFiles.MAX_CONCURRENCY)
        .contains("\"Payload.$\":\"$.plan\"")
        .contains("\"Payload.$\":\"$.commit\"")
        .contains("IngestFunction");
    template.hasResourceProperties(
        "AWS::StepFunctions::StateMachine",
        Map.of(
            "TracingConfiguration", Map.of("Enabled", true),
            "LoggingConfiguration", Match.objectLike(Map.of("Level", "ALL"))));
  }

  @Test
  void catchesEveryFailingStepIntoTheEncryptedDeadLetterQueueAndFails() {
    assertThat(definition)
        .contains("\"Catch\":[{\"ErrorEquals\":[\"States.ALL\"]")
        .contains("\"ToDeadLetters\"")
        .contains("\"Type\":\"Fail\"")
        .contains("\"Retry\"");
    assertThat(template.findResources("AWS::SQS::Queue").keySet())
        .anyMatch(id -> id.startsWith("LargeFilesDeadLetterQueue"));
    template.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Match.objectLike(Map.of("MetricName", "ExecutionsFailed", "Threshold", 1)));
    template.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Match.objectLike(
            Map.of(
                "MetricName",
                "ApproximateNumberOfMessagesVisible",
                "Dimensions",
                List.of(Map.of("Name", "QueueName", "Value", Match.anyValue())))));
  }

  @Test
  void theStateMachineRoleInvokesOnlyTheIngestFunctionAndReadsOnlyTheSplitItems() {
    Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::Policy");
    String role =
        policies.entrySet().stream()
            .filter(e -> e.getKey().startsWith("LargeFilesStateMachineRoleDefaultPolicy"))
            .map(e -> String.valueOf(e.getValue()))
            .findFirst()
            .orElseThrow();
    assertThat(role)
        .contains("lambda:InvokeFunction")
        .contains("IngestFunction")
        .contains("/_split/*")
        .contains("sqs:SendMessage")
        .doesNotContain("s3:PutObject")
        .doesNotContain("s3:DeleteObject")
        .doesNotContain("glue:");
  }

  @Test
  void theIngestFunctionMayStartOnlyThisStateMachineAndKnowsItsArn() {
    String ingestPolicy =
        template.findResources("AWS::IAM::Policy").entrySet().stream()
            .filter(e -> e.getKey().startsWith("IngestRoleDefaultPolicy"))
            .map(e -> String.valueOf(e.getValue()))
            .findFirst()
            .orElseThrow();
    assertThat(ingestPolicy).contains("states:StartExecution").contains("-large-files");
    String functions = String.valueOf(template.findResources("AWS::Lambda::Function"));
    assertThat(functions).contains("STRATA_SPLIT_STATE_MACHINE_ARN");
  }
}
