package io.strata.infra;

import static io.strata.infra.Templates.properties;
import static io.strata.infra.Templates.statements;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

class ConsumerRolesTest {

  private static Template template;

  @BeforeAll
  static void synthesize() {
    template = TestStacks.jvm().template();
  }

  @Test
  void generatesOneIamRolePerRoleOfTheAccessPolicy() {
    assertThat(template.findResources("AWS::IAM::Role").keySet())
        .filteredOn(id -> id.startsWith("Consumers"))
        .hasSize(3)
        .anySatisfy(id -> assertThat(id).startsWith("ConsumersAnalyst"))
        .anySatisfy(id -> assertThat(id).startsWith("ConsumersDataScientist"))
        .anySatisfy(id -> assertThat(id).startsWith("ConsumersAdmin"));
  }

  @Test
  void allowsTheAnalystExactlyItsRoutes() {
    assertThat(routesOf("Analyst"))
        .containsExactly(
            "GET/datasets",
            "GET/queries/*",
            "GET/datasets/bank_transactions",
            "POST/datasets/bank_transactions/query",
            "GET/datasets/bank_transactions/quality",
            "GET/datasets/bank_transactions/quarantine",
            "GET/datasets/bank_transactions/quarantine/*",
            "GET/datasets/telecom_usage",
            "POST/datasets/telecom_usage/query",
            "GET/datasets/telecom_usage/quality",
            "GET/datasets/telecom_usage/quarantine",
            "GET/datasets/telecom_usage/quarantine/*",
            "GET/reports",
            "POST/reports/daily_balance",
            "POST/reports/usage_by_day",
            "POST/reports/balance_by_currency");
  }

  @Test
  void allowsTheDataScientistItsDatasetItsExportAndItsReportOnly() {
    assertThat(routesOf("DataScientist"))
        .containsExactly(
            "GET/datasets",
            "GET/queries/*",
            "GET/datasets/telecom_usage",
            "POST/datasets/telecom_usage/query",
            "GET/datasets/telecom_usage/quality",
            "GET/datasets/telecom_usage/quarantine",
            "GET/datasets/telecom_usage/quarantine/*",
            "POST/datasets/telecom_usage/exports",
            "GET/reports",
            "POST/reports/usage_by_day");
  }

  @Test
  void allowsTheAdminEveryRoute() {
    assertThat(routesOf("Admin"))
        .containsExactly(
            "GET/datasets",
            "GET/datasets/*",
            "POST/datasets/*/query",
            "GET/queries/*",
            "GET/reports",
            "POST/reports/*",
            "POST/datasets/*/exports",
            "GET/datasets/*/quality",
            "GET/datasets/*/quarantine",
            "GET/datasets/*/quarantine/*");
  }

  @Test
  void grantsConsumerRolesNothingButInvokingTheQueryApi() {
    Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::Policy");
    List<String> consumerPolicies =
        policies.keySet().stream().filter(id -> id.startsWith("Consumers")).toList();

    assertThat(consumerPolicies).hasSize(3);
    for (String id : consumerPolicies) {
      List<Map<String, Object>> statements = statements(policies.get(id));
      assertThat(statements).hasSize(1);
      assertThat(statements.get(0))
          .containsEntry("Effect", "Allow")
          .containsEntry("Action", "execute-api:Invoke");
    }
    assertThat(template.findResources("AWS::IAM::Role").entrySet())
        .filteredOn(e -> e.getKey().startsWith("Consumers"))
        .allSatisfy(
            e -> assertThat(properties(e.getValue())).doesNotContainKey("ManagedPolicyArns"));
  }

  @Test
  void trustsThisAccountByDefault() {
    Map<String, Object> accountRoot =
        Map.of(
            "Fn::Join",
            List.of(
                "",
                List.of(
                    "arn:",
                    Map.of("Ref", "AWS::Partition"),
                    ":iam::",
                    Map.of("Ref", "AWS::AccountId"),
                    ":root")));
    Map<String, Object> trust =
        Map.of(
            "Statement",
            List.of(
                Map.of(
                    "Action", "sts:AssumeRole",
                    "Effect", "Allow",
                    "Principal", Map.of("AWS", accountRoot))),
            "Version",
            "2012-10-17");

    assertThat(template.findResources("AWS::IAM::Role").entrySet())
        .filteredOn(e -> e.getKey().startsWith("Consumers"))
        .hasSize(3)
        .allSatisfy(
            e ->
                assertThat(properties(e.getValue()))
                    .containsEntry("MaxSessionDuration", 3600)
                    .containsEntry("AssumeRolePolicyDocument", trust));
  }

  /** The method and path of every route ARN in the role's policy, in policy order. */
  @SuppressWarnings("unchecked")
  private static List<String> routesOf(String role) {
    Map<String, Object> statement =
        statements(template, "Consumers" + role + "DefaultPolicy").get(0);
    String api = template.findResources("AWS::ApiGatewayV2::Api").keySet().iterator().next();
    return ((List<Object>) statement.get("Resource"))
        .stream()
            .map(
                arn -> {
                  List<Object> parts =
                      (List<Object>)
                          ((List<Object>) ((Map<String, Object>) arn).get("Fn::Join")).get(1);
                  assertThat(parts.get(parts.size() - 2)).isEqualTo(Map.of("Ref", api));
                  String tail = (String) parts.get(parts.size() - 1);
                  assertThat(tail).startsWith("/*/");
                  return tail.substring("/*/".length());
                })
            .collect(Collectors.toList());
  }
}
