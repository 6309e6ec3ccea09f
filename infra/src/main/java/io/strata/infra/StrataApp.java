package io.strata.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: one {@link StrataStack}, configured from context, checked by cdk-nag's AWS Solutions
 * rules on every synth. Run by {@code cdk synth}/{@code cdk deploy} in {@code infra/}.
 */
public final class StrataApp {

  private StrataApp() {}

  public static void main(String[] args) {
    App app = new App();
    StrataConfig config = StrataConfig.from(app.getNode());
    Environment environment =
        Environment.builder()
            .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
            .region(System.getenv("CDK_DEFAULT_REGION"))
            .build();
    new StrataStack(
        app,
        config.stackName(),
        StackProps.builder()
            .env(environment)
            .description("Strata: a serverless, layered data lake")
            .build(),
        config);
    Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    app.synth();
  }
}
