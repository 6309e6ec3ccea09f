package io.strata.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The streaming layer in the synthesized stack: streams, mapping, dead letters, alarms, IAM. */
class StreamIngestTest {

  private static TestStacks.Synthesized synthesized;
  private static Template template;

  @BeforeAll
  static void synthesize() {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("strata:ingestZip", TestStacks.jvmZip("ingest").toString());
    context.put("strata:queryZip", "");
    context.put("strata:maintenanceZip", TestStacks.jvmZip("maintenance").toString());
    context.put("strata:reportsZip", TestStacks.jvmZip("reports").toString());
    context.put("strata:streamZip", TestStacks.jvmZip("stream").toString());
    context.put("strata:streamDatasets", "bank_transactions, telecom_usage");
    context.put("strata:streamBatchSize", 250);
    context.put("strata:streamBatchWindowSeconds", "1");
    synthesized = TestStacks.synthesize(context);
    template = synthesized.template();
  }

  @Test
  void eachStreamedDatasetHasAnOnDemandStreamEncryptedWithTheLakeKey() {
    template.resourceCountIs("AWS::Kinesis::Stream", 2);
    template.hasResourceProperties(
        "AWS::Kinesis::Stream",
        Map.of(
            "Name", "strata-bank_transactions",
            "StreamModeDetails", Map.of("StreamMode", "ON_DEMAND"),
            "StreamEncryption",
                Map.of(
                    "EncryptionType",
                    "KMS",
                    "KeyId",
                    Map.of(
                        "Fn::GetAtt",
                        List.of(Nag.logicalId(synthesized.stack().buckets().key()), "Arn")))));
  }

  @Test
  void theMappingReportsItemFailuresBisectsRetriesAndSendsWhatStillFailsToAnEncryptedQueue() {
    template.resourceCountIs("AWS::Lambda::EventSourceMapping", 2);
    template.hasResourceProperties(
        "AWS::Lambda::EventSourceMapping",
        Map.of(
            "BatchSize",
            250,
            "MaximumBatchingWindowInSeconds",
            1,
            "FunctionResponseTypes",
            List.of("ReportBatchItemFailures"),
            "BisectBatchOnFunctionError",
            true,
            "MaximumRetryAttempts",
            10,
            "MaximumRecordAgeInSeconds",
            86400,
            "StartingPosition",
            "TRIM_HORIZON",
            "DestinationConfig",
            Map.of(
                "OnFailure",
                Map.of(
                    "Destination",
                    Map.of(
                        "Fn::GetAtt",
                        List.of(
                            Nag.logicalId(synthesized.stack().streams().deadLetterQueue()),
                            "Arn"))))));
    template.hasResourceProperties(
        "AWS::SQS::Queue",
        Map.of(
            "KmsMasterKeyId",
            Map.of(
                "Fn::GetAtt", List.of(Nag.logicalId(synthesized.stack().buckets().key()), "Arn"))));
  }

  @Test
  void alarmsWatchTheIteratorAgeAndTheDeadLetterQueue() {
    template.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Map.of("MetricName", "IteratorAge", "Namespace", "AWS/Lambda", "Threshold", 300000));
    template.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Map.of(
            "MetricName",
            "ApproximateNumberOfMessagesVisible",
            "Dimensions",
            List.of(
                Map.of(
                    "Name",
                    "QueueName",
                    "Value",
                    Map.of(
                        "Fn::GetAtt",
                        List.of(
                            Nag.logicalId(synthesized.stack().streams().deadLetterQueue()),
                            "QueueName"))))));
  }

  @Test
  void theFunctionReadsOnlyItsStreamsAndKnowsTheirPrefix() {
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Environment",
            Map.of(
                "Variables",
                Match.objectLike(
                    Map.of(
                        "STRATA_STREAM_NAME_PREFIX",
                        "strata-",
                        "JAVA_TOOL_OPTIONS",
                        LakeFunction.FULL_JIT)))));
    String policy =
        template
            .findResources(
                "AWS::IAM::Policy",
                Match.objectLike(
                    Map.of(
                        "Properties",
                        Map.of(
                            "Roles",
                            List.of(
                                Map.of(
                                    "Ref",
                                    Nag.logicalId(
                                        synthesized.stack().streams().function().role())))))))
            .toString();
    assertThat(policy)
        .contains("kinesis:GetRecords", "kinesis:GetShardIterator", "sqs:SendMessage");
    // Reading only: no producer action, no wildcard action.
    assertThat(policy).doesNotContain("kinesis:PutRecord", "kinesis:*", "kinesis:Delete");
  }

  @Test
  void cdkNagFindsNothingUnsuppressed() {
    assertThat(TestStacks.nagFindings(synthesized)).isEmpty();
  }

  @Test
  void aStreamForADatasetWithoutContractFailsTheSynth() {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("strata:ingestZip", TestStacks.jvmZip("ingest").toString());
    context.put("strata:queryZip", "");
    context.put("strata:maintenanceZip", TestStacks.jvmZip("maintenance").toString());
    context.put("strata:reportsZip", TestStacks.jvmZip("reports").toString());
    context.put("strata:streamZip", TestStacks.jvmZip("stream").toString());
    context.put("strata:streamDatasets", "nosuch");

    assertThatThrownBy(() -> TestStacks.synthesize(context))
        .isInstanceOf(StrataConfigException.class)
        .hasMessage(
            "Cannot configure Strata: context strata:streamDatasets names nosuch, which no"
                + " contract in ../datasets declares");
  }

  @Test
  void noStreamIsDeployedUnlessADatasetIsNamed() {
    TestStacks.withoutQueryApi().template().resourceCountIs("AWS::Kinesis::Stream", 0);
    assertThat(TestStacks.withoutQueryApi().stack().streams()).isNull();
  }
}
