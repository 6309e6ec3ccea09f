package io.strata.infra;

import java.util.List;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.assets.AssetOptions;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;

/**
 * Deploys the contracts, the access policy and the reports of {@code datasets/} to the prefix of
 * the history bucket that the functions read at run time, replacing what an earlier deployment put
 * there.
 */
public final class DatasetFiles extends Construct {

  /**
   * The folder of report SQL files ({@code reports/<name>.sql}), in {@code datasets/} and under the
   * deployed prefix alike. It is deployed with the rest of the directory, so a lake without it
   * deploys no reports (and prunes any an earlier deployment put there).
   */
  public static final String REPORTS_FOLDER = "reports/";

  /**
   * What to deploy where.
   *
   * @param prefix a folder of the history bucket, ending in {@code /}
   * @param logRetention retention of the deployment handler's log group
   */
  public record Props(
      LakeDefinition lake, IBucket history, String prefix, RetentionDays logRetention) {}

  private final BucketDeployment deployment;

  public DatasetFiles(Construct scope, String id, Props props) {
    super(scope, id);
    deployment =
        BucketDeployment.Builder.create(this, "Deployment")
            .sources(
                List.of(
                    Source.asset(
                        props.lake().dir().toString(),
                        AssetOptions.builder().exclude(List.of("*.md")).build())))
            .destinationBucket(props.history())
            .destinationKeyPrefix(props.prefix())
            .prune(true)
            .logGroup(LogGroup.Builder.create(this, "Logs").retention(props.logRetention()).build())
            .build();
  }

  public BucketDeployment deployment() {
    return deployment;
  }
}
