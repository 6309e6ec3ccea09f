package io.strata.stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.strata.aws.testing.FunctionLake;
import io.strata.aws.testing.GlueFake;
import io.strata.aws.testing.S3ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An in-process S3 (s3proxy on a temporary directory) with the raw and history buckets, the demo
 * contracts and a broken one, a stateful Glue stand-in for Iceberg's GlueCatalog, and the
 * function's configuration pointed at both.
 */
public class StreamLakeResource implements QuarkusTestResourceLifecycleManager {

  static final String RAW = "strata-raw";
  static final String HISTORY = "strata-history";

  private static FunctionLake lake;

  @Override
  public Map<String, String> start() {
    lake = FunctionLake.start("stream", RAW, HISTORY);
    Path contracts;
    try {
      contracts = Files.createDirectories(lake.dataDir().resolve("contracts"));
      for (String name : new String[] {"bank_transactions.yaml", "telecom_usage.yaml"}) {
        Files.copy(Path.of("../../datasets", name), contracts.resolve(name));
      }
      // A contract an operator broke: its stream's batches must fail, not be quarantined.
      Files.writeString(contracts.resolve("broken_feed.yaml"), "name: broken_feed\ncolumns: 7\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> config = lake.config(HISTORY);
    config.put("strata.contracts.location", contracts.toString());
    config.put("strata.pii.hash-key", "stream-test-hash-key");
    return config;
  }

  @Override
  public void stop() {
    if (lake != null) {
      lake.close();
    }
  }

  static Path dataDir() {
    return lake.dataDir();
  }

  static S3ProxyServer server() {
    return lake.server();
  }

  static GlueFake glue() {
    return lake.glue();
  }
}
