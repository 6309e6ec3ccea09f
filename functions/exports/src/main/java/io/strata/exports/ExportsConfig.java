package io.strata.exports;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/**
 * Configuration of the export finisher. Every key can be set as an environment variable ({@code
 * strata.analytics-bucket} → {@code STRATA_ANALYTICS_BUCKET}); the workgroup whose events it acts
 * on is {@code strata.athena.workgroup}.
 */
@ConfigMapping(prefix = "strata")
public interface ExportsConfig {

  /** The bucket the query API unloads exports to, under {@code exports/<dataset>/<exportId>/}. */
  @WithName("analytics-bucket")
  String analyticsBucket();
}
