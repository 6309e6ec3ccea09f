package io.strata.local;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
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

  private static final Pattern KEY_TEXT = Pattern.compile("[0-9a-f]{64}");

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
      try (SeekableByteChannel out =
          Files.newByteChannel(
              keyFile,
              Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              ownerOnly(keyFile))) {
        out.write(
            ByteBuffer.wrap(HexFormat.of().formatHex(random).getBytes(StandardCharsets.UTF_8)));
      } catch (FileAlreadyExistsException kept) {
        // The lake already has its key: reuse it so hashes stay comparable.
      }
      return readKey(keyFile);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the local PII hash key " + keyFile, e);
    }
  }

  /** Owner read and write only, where the file system has POSIX permissions. */
  private static FileAttribute<?>[] ownerOnly(Path file) {
    if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
    };
  }

  /**
   * The key in the file; another process that created the file a moment ago may still be writing
   * it, so a short or empty file is read again for up to two seconds before it is refused.
   */
  private static String readKey(Path keyFile) throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (true) {
      String key = Files.readString(keyFile, StandardCharsets.UTF_8).trim();
      if (KEY_TEXT.matcher(key).matches()) {
        return key;
      }
      if (System.nanoTime() > deadline) {
        throw new IOException(
            "the file does not hold a key of 64 hexadecimal characters; delete it to have a new"
                + " key made (hashes made with the old key will no longer match)");
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }
}
