package io.strata.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is checked before the local lake starts, and the one line each problem gets. */
class PreflightTest {

  @TempDir Path work;

  @Test
  void findsTheRepositorysDatasetsFromAFolderInsideIt() throws Exception {
    Path datasets = repositoryWithDatasets();
    Path deep = Files.createDirectories(work.resolve("repo/functions/local"));

    try (Preflight.Launch launch =
        check(deep, Map.of("strata.local.data-dir", dataDir()), "--once")) {
      assertThat(launch.properties())
          .containsEntry(Preflight.CONTRACTS, datasets.toString())
          .containsEntry(Preflight.ACCESS, datasets.resolve("access.yaml").toString())
          .containsEntry(Preflight.REPORTS, datasets.resolve("reports").toString());
    }
  }

  @Test
  void leavesLocationsThatAreSetAlone() throws Exception {
    Path datasets = repositoryWithDatasets();

    try (Preflight.Launch launch =
        check(
            work.resolve("repo"),
            Map.of("strata.local.data-dir", dataDir(), Preflight.ACCESS, "/etc/strata/access.yaml"),
            "--once")) {
      assertThat(launch.properties())
          .containsEntry(Preflight.CONTRACTS, datasets.toString())
          .doesNotContainKey(Preflight.ACCESS);
    }
  }

  @Test
  void stopsInOneLineWhenNoDatasetsFolderIsFound() {
    assertThatThrownBy(() -> check(work, Map.of("strata.local.data-dir", dataDir()), "--once"))
        .isInstanceOf(StartupProblem.class)
        .hasMessage(
            "Cannot start the local lake: no datasets/ folder with an access.yaml in "
                + work.toAbsolutePath().normalize()
                + " or any folder above it; start the lake inside the repository, or name the"
                + " folder of your contracts with --datasets-dir");
  }

  @Test
  void stopsInOneLineWhenTheNamedDatasetsFolderIsMissing() {
    assertThatThrownBy(
            () ->
                check(
                    work,
                    Map.of("strata.local.data-dir", dataDir()),
                    "--once",
                    "--datasets-dir",
                    "contracts"))
        .isInstanceOf(StartupProblem.class)
        .hasMessage(
            "Cannot start the local lake: the datasets folder "
                + work.resolve("contracts")
                + " (--datasets-dir) does not exist or is no folder");
  }

  @Test
  void stopsInOneLineWhileAnotherLakeRunsOnTheDataFolder() throws Exception {
    repositoryWithDatasets();
    Map<String, String> config = Map.of("strata.local.data-dir", dataDir());
    try (Preflight.Launch running = check(work.resolve("repo"), config, "--once")) {
      assertThatThrownBy(() -> check(work.resolve("repo"), config, "--once"))
          .isInstanceOf(StartupProblem.class)
          .hasMessageStartingWith("Cannot start the local lake: another local lake (process ")
          .hasMessageEndingWith(
              " is running on the data folder "
                  + work.resolve("lake")
                  + "; stop it first, or give this one its own --data-dir");
    }
    // once the first lake ended, the folder is free again
    check(work.resolve("repo"), config, "--once").close();
  }

  @Test
  void stopsInOneLineWhenAPortIsTaken() throws Exception {
    repositoryWithDatasets();
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      int port = taken.getLocalPort();

      assertThatThrownBy(
              () ->
                  check(
                      work.resolve("repo"),
                      Map.of("strata.local.data-dir", dataDir()),
                      "--s3-port",
                      Integer.toString(port),
                      "--http-port",
                      Integer.toString(TestLakes.freePort())))
          .isInstanceOf(StartupProblem.class)
          .hasMessage(
              "Cannot start the local lake: port "
                  + port
                  + " on 127.0.0.1 (its S3 endpoint) is in use, probably by a local lake that is"
                  + " already running; stop it, or choose another port with --s3-port");
      // and the data folder is not left locked behind
      check(work.resolve("repo"), Map.of("strata.local.data-dir", dataDir()), "--once").close();
    }
  }

  @Test
  void aOneShotRunServesNoApiAndTakesAnyFreeS3Port() throws Exception {
    repositoryWithDatasets();

    try (Preflight.Launch launch =
        check(work.resolve("repo"), Map.of("strata.local.data-dir", dataDir()), "--once")) {
      assertThat(launch.properties())
          .containsEntry("quarkus.http.host-enabled", "false")
          .containsEntry("strata.local.once", "true")
          .containsKey("strata.local.s3-port");
      int port = Integer.parseInt(launch.properties().get("strata.local.s3-port"));
      assertThat(port).isPositive().isNotEqualTo(4566);
    }
  }

  private Preflight.Launch check(Path workingDir, Map<String, String> config, String... args)
      throws StartupProblem {
    LocalLakeOptions options =
        ((LocalLakeOptions.Parsed.Valid) LocalLakeOptions.parse(args)).options();
    Map<String, String> all = new HashMap<>(config);
    all.putAll(options.configuration());
    SmallRyeConfig lakeConfig =
        new SmallRyeConfigBuilder()
            .withSources(new PropertiesConfigSource(all, "test", 500))
            .build();
    return Preflight.check(options, lakeConfig, workingDir);
  }

  private Path repositoryWithDatasets() throws Exception {
    Path datasets = Files.createDirectories(work.resolve("repo/datasets"));
    Files.writeString(datasets.resolve("access.yaml"), "roles: {}\n");
    return datasets.toAbsolutePath().normalize();
  }

  private String dataDir() {
    return work.resolve("lake").toString();
  }
}
