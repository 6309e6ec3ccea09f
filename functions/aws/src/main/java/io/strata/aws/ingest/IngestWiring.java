package io.strata.aws.ingest;

import io.strata.aws.s3.S3ObjectStore;
import io.strata.aws.secrets.PiiKeySecrets;
import io.strata.core.contract.ContractRepository;
import io.strata.core.contract.DirectoryContractRepository;
import io.strata.core.contract.ObjectStoreContractRepository;
import io.strata.core.current.CurrentFollower;
import io.strata.core.current.CurrentTables;
import io.strata.core.history.HistorySettings;
import io.strata.core.ingest.CommitFollower;
import io.strata.core.ingest.IngestService;
import io.strata.core.ingest.IngestSettings;
import io.strata.core.ingest.LakeLayout;
import io.strata.core.parse.ParseLimits;
import io.strata.core.store.ObjectStore;
import io.strata.core.table.HistoryTables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds the core's ingest service from configuration, the S3 client the application has and the
 * {@link HistoryTables} bean (Iceberg on Glue by default; the local lake has its own catalog).
 */
@ApplicationScoped
public class IngestWiring {

  @Produces
  @ApplicationScoped
  ObjectStore objectStore(S3Client s3, IngestConfig config) {
    return new S3ObjectStore(s3, config.ingest().partSize());
  }

  @Produces
  @ApplicationScoped
  ContractRepository contracts(ObjectStore store, IngestConfig config) {
    return contractsAt(config.contracts().location(), store, config.contracts().checkInterval());
  }

  @Produces
  @ApplicationScoped
  IngestService ingestService(
      ObjectStore store,
      ContractRepository contracts,
      HistoryTables tables,
      IngestConfig config,
      @Any Instance<CommitFollower> added) {
    return new IngestService(
        store, contracts, tables, settings(config), Clock.systemUTC(), followers(tables, added));
  }

  /**
   * What follows every committed batch, whole file, large file or stream alike: its dataset's
   * current table is brought up to the new history snapshot first, then whatever the application
   * adds (the local lake's materialized reports, which may read the current table).
   */
  public static List<CommitFollower> followers(
      HistoryTables tables, Instance<CommitFollower> added) {
    List<CommitFollower> all = new ArrayList<>();
    all.add(new CurrentFollower(new CurrentTables(tables)));
    added.forEach(all::add);
    return all;
  }

  /** A directory path, or {@code s3://bucket/prefix/}. */
  static ContractRepository contractsAt(String location, ObjectStore store) {
    return contractsAt(location, store, ContractRepository.DEFAULT_CHECK_INTERVAL);
  }

  /** A directory path, or {@code s3://bucket/prefix/}, looked at for changes this often. */
  static ContractRepository contractsAt(
      String location, ObjectStore store, Duration checkInterval) {
    if (location.startsWith("s3://")) {
      URI uri = URI.create(location);
      String prefix = uri.getPath().replaceFirst("^/", "");
      if (!prefix.isEmpty() && !prefix.endsWith("/")) {
        prefix = prefix + "/";
      }
      return new ObjectStoreContractRepository(store, uri.getHost(), prefix, checkInterval);
    }
    return new DirectoryContractRepository(Path.of(location), checkInterval);
  }

  /** The core settings the configuration describes. */
  public static IngestSettings settingsOf(IngestConfig config) {
    return settings(config);
  }

  static IngestSettings settings(IngestConfig config) {
    IngestConfig.Ingest ingest = config.ingest();
    return new IngestSettings(
        new LakeLayout(config.historyBucket()),
        new ParseLimits(
            ingest.maxLineBytes(),
            ingest.maxDecompressedBytes(),
            ingest.maxExpansionRatio(),
            ingest.expansionCheckAfterBytes()),
        new HistorySettings(ingest.rowGroupBytes(), ingest.maxOpenFiles(), ingest.maxFileRows())
            .withEncoderThreads(ingest.encoderThreads()),
        PiiKeySecrets.hashKey(config.pii().hashKey(), config.pii().hashKeySecret())
            .map(k -> k.getBytes(StandardCharsets.UTF_8))
            .orElse(null),
        ingest.maxReportedErrors());
  }
}
