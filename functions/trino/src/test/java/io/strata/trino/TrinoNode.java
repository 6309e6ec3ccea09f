package io.strata.trino;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A single-node Trino server (coordinator and worker) run as a child process on a JDK 24+, bound to
 * the loopback address, with one catalog {@code iceberg}: the Iceberg connector with a file
 * metastore and Trino's native S3 file system on the given S3 endpoint (path-style, as s3proxy
 * serves buckets). Its log goes to {@code server.log} in the work folder.
 */
final class TrinoNode implements AutoCloseable {

  /** The catalog the Iceberg connector is mounted as. */
  static final String CATALOG = "iceberg";

  /** The bucket the file metastore keeps its schema and table entries in. */
  static final String METASTORE_BUCKET = "trino-metastore";

  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final String HEAP = "-Xmx768M";

  private final Process process;
  private final int port;
  private final Path log;
  private final Thread killer;
  private Duration startup = Duration.ZERO;

  private TrinoNode(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
    // A test JVM that ends without closing this must not leave the server running.
    this.killer = new Thread(process::destroyForcibly, "trino-killer");
    Runtime.getRuntime().addShutdownHook(killer);
  }

  /** The S3 endpoint and keys Trino reads the lake with. */
  record S3(URI endpoint, String region, String accessKey, String secretKey) {}

  /**
   * Starts the server and returns once it accepts queries.
   *
   * @throws IllegalStateException naming the log when the server exits or does not start in time
   */
  static TrinoNode start(Path serverDir, TrinoJdk jdk, Path workDir, S3 s3) {
    int port = freePort();
    Path log = workDir.resolve("server.log");
    try {
      Path etc = workDir.resolve("etc");
      Files.createDirectories(etc.resolve("catalog"));
      Files.writeString(etc.resolve("config.properties"), properties(config(serverDir, etc, port)));
      Files.writeString(etc.resolve("catalog").resolve(CATALOG + ".properties"), catalog(s3));
      List<String> command = new ArrayList<>();
      command.add(jdk.java().toString());
      command.addAll(
          List.of(
              HEAP,
              "-XX:+ExitOnOutOfMemoryError",
              "-XX:-OmitStackTraceInFastThrow",
              "-XX:+EnableDynamicAgentLoading",
              "--enable-native-access=ALL-UNNAMED",
              "-Djdk.attach.allowAttachSelf=true",
              "-Dfile.encoding=UTF-8",
              "-Dnode.environment=strata",
              "-Dnode.id=strata-trino-check",
              "-Dnode.data-dir=" + workDir.resolve("data"),
              "-Dconfig=" + etc.resolve("config.properties"),
              "-cp",
              serverDir.resolve("lib") + "/*",
              "io.trino.server.TrinoServer"));
      long started = System.nanoTime();
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      TrinoNode node = new TrinoNode(process, port, log);
      node.awaitStarted();
      node.startup = Duration.ofNanos(System.nanoTime() - started);
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start Trino in " + workDir, e);
    }
  }

  private static Map<String, String> config(Path serverDir, Path etc, int port) {
    return Map.ofEntries(
        Map.entry("coordinator", "true"),
        Map.entry("node-scheduler.include-coordinator", "true"),
        Map.entry("node.bind-ip", "127.0.0.1"),
        Map.entry("node.internal-address", "127.0.0.1"),
        Map.entry("http-server.http.port", Integer.toString(port)),
        Map.entry("http-server.log.enabled", "false"),
        Map.entry("discovery.uri", "http://127.0.0.1:" + port),
        Map.entry("plugin.dir", serverDir.resolve("plugin").toString()),
        Map.entry("catalog.config-dir", etc.resolve("catalog").toString()));
  }

  /**
   * The Iceberg catalog. The file metastore stands in for Glue: a table entry points at the
   * metadata file Strata's catalog committed last, which register_table sets.
   */
  private static String catalog(S3 s3) {
    return properties(
        Map.ofEntries(
            Map.entry("connector.name", "iceberg"),
            Map.entry("iceberg.catalog.type", "TESTING_FILE_METASTORE"),
            Map.entry("hive.metastore.catalog.dir", "s3://" + METASTORE_BUCKET + "/"),
            Map.entry("iceberg.register-table-procedure.enabled", "true"),
            Map.entry("fs.native-s3.enabled", "true"),
            Map.entry("s3.endpoint", s3.endpoint().toString()),
            Map.entry("s3.region", s3.region()),
            Map.entry("s3.path-style-access", "true"),
            Map.entry("s3.aws-access-key", s3.accessKey()),
            Map.entry("s3.aws-secret-key", s3.secretKey())));
  }

  private static String properties(Map<String, String> values) {
    return values.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("\n", "", "\n"));
  }

  /** Waits for {@code /v1/info} to report the server started; fails fast when it exits. */
  private void awaitStarted() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    try {
      await()
          .atMost(START_TIMEOUT)
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptions()
          .failFast("Trino exited", () -> !process.isAlive())
          .until(() -> started(http));
    } catch (ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
      close();
      throw new IllegalStateException(
          "Cannot start Trino: "
              + (process.isAlive() ? "not started within " + START_TIMEOUT : "it exited")
              + "; see "
              + log,
          e);
    }
  }

  private boolean started(HttpClient http) throws IOException, InterruptedException {
    HttpResponse<String> info =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/info"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return info.statusCode() == 200 && info.body().replace(" ", "").contains("\"starting\":false");
  }

  /** A new JDBC connection in the schema, with the UTC session time zone Athena uses. */
  Connection connect(String schema) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", "strata");
    properties.setProperty("timezone", "UTC");
    return DriverManager.getConnection(
        "jdbc:trino://127.0.0.1:" + port + "/" + CATALOG + "/" + schema, properties);
  }

  /** How long the server took from process start to accepting queries. */
  Duration startup() {
    return startup;
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs anyway
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
