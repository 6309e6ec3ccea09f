package io.strata.local;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives the local lake a PII hash key without putting one in code: unless {@code
 * strata.pii.hash-key} is set, a random key is generated once and kept in {@code
 * <state-dir>/pii-hash-key} (default {@code <data-dir>/.strata}, see {@link LakeState}), so hashes
 * stay stable across restarts of the same lake.
 *
 * <p>The key is read or created only when the running lake asks for it. Quarkus also loads config
 * sources while it builds the application and records the values of every property they list; this
 * source lists none, so no key file appears at build time and no key ends up in the built jar.
 */
public class LocalPiiKeySourceFactory implements ConfigSourceFactory {

  static final String KEY = "strata.pii.hash-key";
  private static final int LOWEST_ORDINAL = 1;

  @Override
  public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
    ConfigValue dataDir = context.getValue("strata.local.data-dir");
    ConfigValue stateDir = context.getValue("strata.local.state-dir");
    Path lake =
        Path.of(dataDir == null || dataDir.getValue() == null ? "lake" : dataDir.getValue());
    Optional<String> state =
        Optional.ofNullable(stateDir == null ? null : stateDir.getValue())
            .filter(v -> !v.isBlank());
    return List.of(new KeyFileSource(LakeState.of(lake, state).piiKeyFile()));
  }

  /** Holds the one key, read from or written to its file on first use. */
  private static final class KeyFileSource implements ConfigSource {

    private final Path keyFile;
    private volatile String key;

    KeyFileSource(Path keyFile) {
      this.keyFile = keyFile;
    }

    @Override
    public Set<String> getPropertyNames() {
      return Set.of();
    }

    @Override
    public Map<String, String> getProperties() {
      return Map.of();
    }

    @Override
    public String getValue(String name) {
      if (!KEY.equals(name)) {
        return null;
      }
      String known = key;
      if (known == null) {
        synchronized (this) {
          if (key == null) {
            key = readOrCreate(keyFile);
          }
          known = key;
        }
      }
      return known;
    }

    @Override
    public String getName() {
      return "local-lake-pii-key " + keyFile;
    }

    @Override
    public int getOrdinal() {
      return LOWEST_ORDINAL;
    }
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
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException kept) {
        // The lake already has its key: reuse it so hashes stay comparable.
      }
      return Files.readString(keyFile, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the local PII hash key " + keyFile, e);
    }
  }
}
