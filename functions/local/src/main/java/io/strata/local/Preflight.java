package io.strata.local;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What must hold before the local lake starts, checked before Quarkus starts anything, so each
 * problem is one line instead of a stack trace: the contracts can be found, no other lake runs on
 * the data folder, the ports are free. Yields the configuration the lake then starts with.
 */
final class Preflight {

  static final String CONTRACTS = "strata.contracts.location";
  static final String ACCESS = "strata.access.location";
  static final String REPORTS = "strata.reports.location";

  private static final int COMMAND_LINE_ORDINAL = 500;
  private static final int APPLICATION_PROPERTIES_ORDINAL = 250;

  private Preflight() {}

  /** The configuration to start with, and the lock on the data folder it holds until it ends. */
  record Launch(Map<String, String> properties, LakeLock lock) implements AutoCloseable {
    @Override
    public void close() {
      lock.close();
    }
  }

  /**
   * @param config what the lake would read: the command line's options over system properties, the
   *     environment and {@code application.properties} ({@link #config})
   */
  static Launch check(LocalLakeOptions options, SmallRyeConfig config, Path workingDir)
      throws StartupProblem {
    Map<String, String> properties = new LinkedHashMap<>(options.configuration());
    datasets(config, workingDir, properties);
    Path dataDir = workingDir.resolve(value(config, "strata.local.data-dir").orElse("lake"));
    Optional<String> stateDir =
        value(config, "strata.local.state-dir").map(dir -> workingDir.resolve(dir).toString());
    LakeLock lock = LakeLock.acquire(LakeState.of(dataDir, stateDir));
    try {
      if (options.oneShot()) {
        oneShotPorts(options, config, properties);
      } else {
        String s3Host = value(config, "strata.local.s3-host").orElse("127.0.0.1");
        int s3Port = Integer.parseInt(value(config, "strata.local.s3-port").orElse("4566"));
        String httpHost = value(config, "quarkus.http.host").orElse("0.0.0.0");
        int httpPort = Integer.parseInt(value(config, "quarkus.http.port").orElse("8080"));
        requireFree(s3Host, s3Port, "its S3 endpoint", "--s3-port");
        requireFree(httpHost, httpPort, "its query API", "--http-port");
      }
    } catch (StartupProblem | RuntimeException e) {
      lock.close();
      throw e;
    }
    return new Launch(properties, lock);
  }

  /**
   * The lake's configuration as far as it can be read before Quarkus starts: the command line's
   * options, system properties, the environment and the packaged {@code application.properties}.
   */
  static SmallRyeConfig config(Map<String, String> commandLine) {
    SmallRyeConfigBuilder builder =
        new SmallRyeConfigBuilder()
            .addDefaultSources()
            .withSources(
                new PropertiesConfigSource(commandLine, "command line", COMMAND_LINE_ORDINAL));
    URL packaged = Preflight.class.getClassLoader().getResource("application.properties");
    if (packaged != null) {
      try {
        builder.withSources(new PropertiesConfigSource(packaged, APPLICATION_PROPERTIES_ORDINAL));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + packaged, e);
      }
    }
    return builder.build();
  }

  /** Points every contracts location that is not set itself at the datasets folder. */
  private static void datasets(
      SmallRyeConfig config, Path workingDir, Map<String, String> properties)
      throws StartupProblem {
    Optional<String> configured = value(config, "strata.local.datasets-dir");
    List<String> unset =
        List.of(CONTRACTS, ACCESS, REPORTS).stream()
            .filter(key -> value(config, key).isEmpty())
            .toList();
    if (configured.isEmpty() && unset.isEmpty()) {
      return;
    }
    Path folder = DatasetsFolder.resolve(configured, workingDir);
    Map<String, String> locations =
        Map.of(
            CONTRACTS, folder.toString(),
            ACCESS, folder.resolve(DatasetsFolder.ACCESS_FILE).toString(),
            REPORTS, folder.resolve("reports").toString());
    unset.forEach(key -> properties.put(key, locations.get(key)));
  }

  /** A one-shot run serves no API and keeps its S3 endpoint to itself, on any free port. */
  private static void oneShotPorts(
      LocalLakeOptions options, SmallRyeConfig config, Map<String, String> properties)
      throws StartupProblem {
    String s3Host = value(config, "strata.local.s3-host").orElse("127.0.0.1");
    if (options.s3Port != null) {
      requireFree(s3Host, options.s3Port, "its S3 endpoint", "--s3-port");
    } else {
      properties.put("strata.local.s3-port", Integer.toString(freePort(s3Host)));
    }
    properties.put("quarkus.http.host-enabled", "false");
  }

  private static void requireFree(String host, int port, String what, String option)
      throws StartupProblem {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new StartupProblem(
          "port "
              + port
              + " on "
              + host
              + " ("
              + what
              + ") is in use, probably by a local lake that is already running; stop it, or"
              + " choose another port with "
              + option);
    }
  }

  private static int freePort(String host) throws StartupProblem {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(host, 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new StartupProblem("no free port on " + host + " for its S3 endpoint: " + e);
    }
  }

  private static Optional<String> value(SmallRyeConfig config, String key) {
    return config.getOptionalValue(key, String.class).filter(v -> !v.isBlank());
  }
}
