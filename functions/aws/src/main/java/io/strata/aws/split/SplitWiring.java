package io.strata.aws.split;

import io.quarkus.arc.DefaultBean;
import io.strata.aws.ingest.IngestConfig;
import io.strata.aws.ingest.IngestWiring;
import io.strata.core.contract.ContractRepository;
import io.strata.core.ingest.CommitFollower;
import io.strata.core.ingest.IngestService;
import io.strata.core.ingest.SplitIngestion;
import io.strata.core.ingest.split.SplitSettings;
import io.strata.core.store.ObjectStore;
import io.strata.core.table.HistoryTables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Builds the large-file path from configuration: the core's {@link SplitIngestion}, the steps the
 * state machine invokes, and (unless an application brings its own) the {@link LargeFiles} that
 * starts the state machine when {@code strata.split.state-machine-arn} is set.
 */
@ApplicationScoped
public class SplitWiring {

  @Produces
  @ApplicationScoped
  SplitIngestion splitIngestion(
      ObjectStore store,
      ContractRepository contracts,
      HistoryTables tables,
      IngestConfig ingest,
      SplitConfig config,
      @Any Instance<CommitFollower> added) {
    return new SplitIngestion(
        store,
        contracts,
        tables,
        IngestWiring.settingsOf(ingest),
        new SplitSettings(config.thresholdBytes(), config.rangeBytes()),
        Clock.systemUTC(),
        IngestWiring.followers(tables, added),
        scanners(config.scanThreads()));
  }

  @Produces
  @ApplicationScoped
  SplitSteps splitSteps(
      SplitIngestion split, IngestService whole, ObjectStore store, IngestConfig ingest) {
    return new SplitSteps(split, whole, store, ingest.historyBucket(), Clock.systemUTC());
  }

  @Produces
  @ApplicationScoped
  @DefaultBean
  LargeFiles largeFiles(SplitConfig config, IngestConfig ingest) {
    Optional<String> arn = config.stateMachineArn().filter(a -> !a.isBlank());
    if (arn.isEmpty()) {
      return raw -> Optional.empty();
    }
    SfnClient[] client = new SfnClient[1];
    java.util.function.Supplier<SfnClient> once =
        () -> {
          synchronized (client) {
            if (client[0] == null) {
              client[0] = sfnClient();
            }
            return client[0];
          }
        };
    return new StepFunctionsLargeFiles(
        once, arn.get(), config.thresholdBytes(), ingest.historyBucket());
  }

  /** A Step Functions client on the url-connection HTTP client, region from the environment. */
  static SfnClient sfnClient() {
    return SfnClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
  }

  private static ExecutorService scanners(int threads) {
    return Executors.newFixedThreadPool(
        Math.max(1, threads),
        r -> {
          Thread t = new Thread(r, "strata-split-scan");
          t.setDaemon(true);
          return t;
        });
  }
}
