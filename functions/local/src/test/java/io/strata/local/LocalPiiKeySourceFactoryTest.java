package io.strata.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPiiKeySourceFactoryTest {

  @TempDir Path dataDir;

  @Test
  void createsTheKeyOnlyWhenTheLakeAsksForIt() {
    SmallRyeConfig config = configOf(dataDir);
    Path keyFile = dataDir.resolve(".strata/pii-hash-key");

    // building the configuration (as Quarkus also does at build time) lists no key and writes none
    assertThat(StreamSupport.stream(config.getPropertyNames().spliterator(), false))
        .doesNotContain(LocalPiiKeySourceFactory.KEY);
    assertThat(keyFile).doesNotExist();

    String key = config.getValue(LocalPiiKeySourceFactory.KEY, String.class);

    assertThat(key).matches("[0-9a-f]{64}");
    assertThat(keyFile).hasContent(key);
  }

  @Test
  void keepsTheKeyOfTheLakeAcrossRestarts() throws Exception {
    String first = configOf(dataDir).getValue(LocalPiiKeySourceFactory.KEY, String.class);

    String second = configOf(dataDir).getValue(LocalPiiKeySourceFactory.KEY, String.class);

    assertThat(second).isEqualTo(first);
    assertThat(Files.readString(dataDir.resolve(".strata/pii-hash-key"))).isEqualTo(first);
  }

  @Test
  void aConfiguredKeyWinsAndNoFileIsWritten() {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withSources(
                new PropertiesConfigSource(
                    Map.of(
                        "strata.local.data-dir",
                        dataDir.toString(),
                        LocalPiiKeySourceFactory.KEY,
                        "from-a-secret-store"),
                    "test",
                    100))
            .withSources(new LocalPiiKeySourceFactory())
            .build();

    assertThat(config.getValue(LocalPiiKeySourceFactory.KEY, String.class))
        .isEqualTo("from-a-secret-store");
    assertThat(dataDir.resolve(".strata")).doesNotExist();
  }

  private static SmallRyeConfig configOf(Path dataDir) {
    return new SmallRyeConfigBuilder()
        .withSources(
            new PropertiesConfigSource(
                Map.of("strata.local.data-dir", dataDir.toString()), "test", 100))
        .withSources(new LocalPiiKeySourceFactory())
        .build();
  }
}
