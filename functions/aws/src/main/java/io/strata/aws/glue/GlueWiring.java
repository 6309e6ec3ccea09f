package io.strata.aws.glue;

import io.quarkus.arc.DefaultBean;
import io.strata.core.catalog.Catalog;
import io.strata.core.catalog.CatalogRetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.GlueClientBuilder;

/**
 * Builds the Glue client and the Glue-backed {@link Catalog} from {@link CatalogConfig}. The
 * catalog is a default bean: an application with a catalog of its own (the local lake) just
 * produces it.
 */
@ApplicationScoped
public class GlueWiring {

  @Produces
  @ApplicationScoped
  GlueClient glueClient(CatalogConfig config) {
    CatalogConfig.Glue glue = config.glue();
    return glueClientBuilder(glue.endpointOverride(), retryStrategy(glue.maxAttempts())).build();
  }

  void closeGlueClient(@Disposes GlueClient glue) {
    glue.close();
  }

  @Produces
  @ApplicationScoped
  @DefaultBean
  Catalog catalog(GlueClient glue, CatalogConfig config) {
    return new GlueCatalog(glue, config.database(), partitionRetry(config.glue()));
  }

  /**
   * The SDK's standard retry strategy (exponential backoff with full jitter, a longer base after
   * throttling, AWS's throttling and transient error codes) with {@code maxAttempts} tries.
   */
  static RetryStrategy retryStrategy(int maxAttempts) {
    return AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxAttempts).build();
  }

  /**
   * A Glue client on the url-connection HTTP client; region and credentials come from the default
   * provider chains unless the caller sets them.
   */
  static GlueClientBuilder glueClientBuilder(Optional<URI> endpointOverride, RetryStrategy retry) {
    GlueClientBuilder builder =
        GlueClient.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(o -> o.retryStrategy(retry));
    endpointOverride.ifPresent(builder::endpointOverride);
    return builder;
  }

  static CatalogRetry partitionRetry(CatalogConfig.Glue glue) {
    return new CatalogRetry(
        glue.partitionAttempts(), glue.partitionRetryBaseDelay(), glue.partitionRetryMaxDelay());
  }
}
