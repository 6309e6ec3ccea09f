package io.strata.aws.athena;

import io.quarkus.arc.DefaultBean;
import io.strata.aws.glue.CatalogConfig;
import io.strata.core.query.QueryEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.AthenaClientBuilder;

/**
 * Builds the Athena client and the Athena-backed {@link QueryEngine} from {@link AthenaConfig}. The
 * engine is a default bean: an application with an engine of its own (the local lake) just produces
 * it.
 */
@ApplicationScoped
public class AthenaWiring {

  @Produces
  @ApplicationScoped
  AthenaClient athenaClient(AthenaConfig config) {
    return athenaClientBuilder(config.endpointOverride(), retryStrategy(config.maxAttempts()))
        .build();
  }

  void closeAthenaClient(@Disposes AthenaClient athena) {
    athena.close();
  }

  @Produces
  @ApplicationScoped
  @DefaultBean
  QueryEngine queryEngine(AthenaClient athena, AthenaConfig config, CatalogConfig catalog) {
    return new AthenaQueryEngine(
        athena, config.workgroup(), catalog.database(), config.resultReuseMinutes());
  }

  /**
   * The SDK's standard retry strategy (exponential backoff with full jitter, a longer base after
   * throttling, AWS's throttling and transient error codes) with {@code maxAttempts} tries.
   */
  static RetryStrategy retryStrategy(int maxAttempts) {
    return AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxAttempts).build();
  }

  /**
   * An Athena client on the url-connection HTTP client; region and credentials come from the
   * default provider chains unless the caller sets them.
   */
  static AthenaClientBuilder athenaClientBuilder(
      Optional<URI> endpointOverride, RetryStrategy retry) {
    AthenaClientBuilder builder =
        AthenaClient.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(o -> o.retryStrategy(retry));
    endpointOverride.ifPresent(builder::endpointOverride);
    return builder;
  }
}
