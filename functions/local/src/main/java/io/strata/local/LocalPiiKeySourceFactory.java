package io.strata.local;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives the local lake a PII hash key without putting one in code: unless {@code
 * strata.pii.hash-key} is set, a random key is generated once and kept in {@code
 * <state-dir>/pii-hash-key} (default {@code <data-dir>/.strata}), so hashes stay stable across
 * restarts of the same lake.
 */
public class LocalPiiKeySourceFactory implements ConfigSourceFactory {

  private static final int LOWEST_ORDINAL = 1;

  @Override
  public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
    ConfigValue dataDir = context.getValue("strata.local.data-dir");
    ConfigValue stateDir = context.getValue("strata.local.state-dir");
    Path state =
        stateDir != null && stateDir.getValue() != null
            ? Path.of(stateDir.getValue())
            : Path.of(dataDir == null || dataDir.getValue() == null ? "lake" : dataDir.getValue())
                .resolve(".strata");
    Path keyFile = state.resolve("pii-hash-key");
    return List.of(
        new PropertiesConfigSource(
            Map.of("strata.pii.hash-key", readOrCreate(keyFile)),
            "local-lake-pii-key",
            LOWEST_ORDINAL));
  }

  static String readOrCreate(Path keyFile) {
    try {
      Files.createDirectories(keyFile.getParent());
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      try {
        Files.writeString(
            keyFile,
            HexFormat.of().formatHex(random),
            StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException kept) {
        // The lake already has its key: reuse it so hashes stay comparable.
      }
      return Files.readString(keyFile, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the local PII hash key " + keyFile, e);
    }
  }
}
