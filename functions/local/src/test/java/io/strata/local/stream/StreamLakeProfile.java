package io.strata.local.stream;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A fresh lake with its Kinesis endpoint on a free port and a one-second batching window. */
public class StreamLakeProfile implements QuarkusTestProfile {

  static final Path DATA_DIR = newDataDir();
  static final int S3_PORT = freePort();
  static final int KINESIS_PORT = freePort();

  @Override
  public Map<String, String> getConfigOverrides() {
    return config(DATA_DIR, S3_PORT, KINESIS_PORT, "1s");
  }

  static Map<String, String> config(Path dataDir, int s3Port, int kinesisPort, String window) {
    Map<String, String> config = new HashMap<>();
    config.put("strata.local.data-dir", dataDir.toString());
    config.put("strata.local.s3-port", Integer.toString(s3Port));
    config.put("strata.contracts.location", "../../datasets");
    config.put("strata.access.location", "../../datasets/access.yaml");
    config.put("strata.reports.location", "../../datasets/reports");
    config.put("strata.query.wait", "20s");
    config.put("strata.local.streams.enabled", "true");
    config.put("strata.local.streams.port", Integer.toString(KINESIS_PORT));
    config.put("strata.local.streams.batch-window", window);
    return config;
  }

  static Path newDataDir() {
    try {
      return Files.createTempDirectory("strata-local-streams");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
