package io.strata.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One state directory per lake: the catalog, the PII key and the lock all live in it. */
class LakeStateTest {

  @TempDir Path work;

  @Test
  void theDataDirOptionMovesTheCatalogTheKeyAndTheLockWithIt() {
    Path dataDir = work.resolve("elsewhere");
    LocalLakeOptions options =
        ((LocalLakeOptions.Parsed.Valid) LocalLakeOptions.parse("--data-dir", dataDir.toString()))
            .options();

    SmallRyeConfig config = configOf(options.configuration());
    LakeState state = config.getConfigMapping(LocalLakeConfig.class).state();

    assertThat(state.dir()).isEqualTo(dataDir.resolve(".strata"));
    assertThat(state.catalogDatabase()).isEqualTo(dataDir.resolve(".strata/catalog"));
    assertThat(state.lockFile()).isEqualTo(dataDir.resolve(".strata/lake.lock"));
    config.getValue(LocalPiiKeySourceFactory.KEY, String.class);
    assertThat(dataDir.resolve(".strata/pii-hash-key")).isRegularFile();
  }

  @Test
  void aConfiguredStateDirHoldsTheWholeStateOutsideTheDataDir() {
    Path dataDir = work.resolve("lake");
    Path stateDir = work.resolve("state");
    Map<String, String> properties = new HashMap<>();
    properties.put("strata.local.data-dir", dataDir.toString());
    properties.put("strata.local.state-dir", stateDir.toString());

    SmallRyeConfig config = configOf(properties);
    LakeState state = config.getConfigMapping(LocalLakeConfig.class).state();

    assertThat(state.dataDir()).isEqualTo(dataDir);
    assertThat(state.catalogDatabase()).isEqualTo(stateDir.resolve("catalog"));
    assertThat(state.lockFile()).isEqualTo(stateDir.resolve("lake.lock"));
    config.getValue(LocalPiiKeySourceFactory.KEY, String.class);
    assertThat(stateDir.resolve("pii-hash-key")).isRegularFile();
    assertThat(dataDir.resolve(".strata")).doesNotExist();
  }

  private static SmallRyeConfig configOf(Map<String, String> properties) {
    return new SmallRyeConfigBuilder()
        .withMapping(LocalLakeConfig.class)
        .withSources(new PropertiesConfigSource(properties, "command line", 500))
        // ISO-8601, which plain SmallRye config reads (Quarkus also reads the default 1s)
        .withSources(
            new PropertiesConfigSource(Map.of("strata.local.poll-interval", "PT1S"), "test", 100))
        .withSources(new LocalPiiKeySourceFactory())
        .build();
  }
}
