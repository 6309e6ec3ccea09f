package io.strata.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Template;

/**
 * Reading a synthesized template's JSON in the stack tests: resources found by the start of their
 * logical id (CDK appends a hash), their properties, policy statements and function environments,
 * and the intrinsic functions CDK writes for bucket and ARN references.
 */
final class Templates {

  private Templates() {}

  /** The logical id of the first resource of the type whose id starts with the prefix. */
  static String logicalId(Template template, String type, String prefix) {
    return template.findResources(type).keySet().stream()
        .filter(id -> id.startsWith(prefix))
        .findFirst()
        .orElseThrow();
  }

  /** The properties of a resource as {@link Template#findResources} gives it. */
  static Map<String, Object> properties(Map<String, Object> resource) {
    return at(resource, "Properties");
  }

  /** The properties of the first resource of the type whose logical id starts with the prefix. */
  static Map<String, Object> properties(Template template, String type, String prefix) {
    return properties(template.findResources(type).get(logicalId(template, type, prefix)));
  }

  /**
   * The value at the path of keys below a map of the template, e.g. {@code at(function,
   * "Environment", "Variables")}; the caller names the type it expects.
   */
  @SuppressWarnings("unchecked")
  static <T> T at(Map<String, Object> map, String... keys) {
    Object value = map;
    for (String key : keys) {
      value = ((Map<String, Object>) value).get(key);
    }
    return (T) value;
  }

  /** The statements of an {@code AWS::IAM::Policy} resource. */
  static List<Map<String, Object>> statements(Map<String, Object> policy) {
    return at(properties(policy), "PolicyDocument", "Statement");
  }

  /**
   * The statements of the policy whose logical id starts with the prefix, e.g. a role's default
   * policy {@code <Function>RoleDefaultPolicy}.
   */
  static List<Map<String, Object>> statements(Template template, String policyPrefix) {
    return statements(
        template
            .findResources("AWS::IAM::Policy")
            .get(logicalId(template, "AWS::IAM::Policy", policyPrefix)));
  }

  /** The environment variables of a function, from its properties. */
  static Map<String, Object> variables(Map<String, Object> function) {
    return at(function, "Environment", "Variables");
  }

  /** The environment variables of the function whose logical id starts with the prefix. */
  static Map<String, Object> variables(Template template, String functionPrefix) {
    return variables(properties(template, "AWS::Lambda::Function", functionPrefix));
  }

  static Map<String, Object> getAtt(String logicalId, String attribute) {
    return Map.of("Fn::GetAtt", List.of(logicalId, attribute));
  }

  /** The ARN of the bucket's objects under a key pattern, e.g. {@code /exports/*}. */
  static Map<String, Object> objects(String bucket, String keys) {
    return Map.of("Fn::Join", List.of("", List.of(getAtt(bucket, "Arn"), keys)));
  }

  /** The resources of a CDK bucket grant on a key pattern: the bucket and its objects. */
  static List<Object> bucketAnd(String bucket, String keys) {
    return List.of(getAtt(bucket, "Arn"), objects(bucket, keys));
  }

  /**
   * What {@link Schedules} makes the target of a rule: the function, retried twice within an hour,
   * then the dead-letter queue.
   */
  static Map<String, Object> scheduleTarget(String function, String deadLetterQueue) {
    return Map.of(
        "Arn",
        getAtt(function, "Arn"),
        "RetryPolicy",
        Map.of("MaximumRetryAttempts", 2, "MaximumEventAgeInSeconds", 3600),
        "DeadLetterConfig",
        Map.of("Arn", getAtt(deadLetterQueue, "Arn")));
  }

  /** The ARN CDK writes for a resource of this stack's account and region. */
  static Map<String, Object> arn(String service, String resource) {
    return Map.of(
        "Fn::Join",
        List.of(
            "",
            List.of(
                "arn:",
                Map.of("Ref", "AWS::Partition"),
                ":" + service + ":",
                Map.of("Ref", "AWS::Region"),
                ":",
                Map.of("Ref", "AWS::AccountId"),
                ":" + resource)));
  }

  /**
   * Asserts that the function's failed asynchronous invocations are retried {@code retries} times,
   * then sent to the queue.
   */
  static void assertFailedInvocationsGoTo(
      Template template, Map<String, Object> functionRef, int retries, String queue) {
    assertThat(template.findResources("AWS::Lambda::EventInvokeConfig").values())
        .map(Templates::properties)
        .filteredOn(p -> functionRef.equals(p.get("FunctionName")))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .containsEntry("MaximumRetryAttempts", retries)
                    .containsEntry(
                        "DestinationConfig",
                        Map.of("OnFailure", Map.of("Destination", getAtt(queue, "Arn")))));
  }

  /** Asserts that the statements on every resource ({@code *}) grant only X-Ray's tracing. */
  static void assertOnlyTracingOnEveryResource(List<Map<String, Object>> statements) {
    assertThat(statements)
        .filteredOn(s -> "*".equals(s.get("Resource")))
        .allSatisfy(
            s ->
                assertThat(s.get("Action"))
                    .isEqualTo(List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords")));
  }
}
