package io.strata.core.validate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sorted runs of key hashes in temporary files, searched by binary search with positional reads.
 * The files stay open until {@link #close()}, which deletes them; deleteOnExit is only a backstop.
 */
final class SpilledKeyRuns implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SpilledKeyRuns.class);

  /** Once the search window fits this many hashes it is read in one go. */
  private static final int BLOCK_KEYS = 512;

  private static final int WRITE_BUFFER_BYTES = 1 << 16;

  private record Run(Path file, FileChannel channel, long count) {}

  private final Path directory;
  private final List<Run> runs = new ArrayList<>();
  private final ByteBuffer single = ByteBuffer.allocate(Long.BYTES);
  private final ByteBuffer block = ByteBuffer.allocate(BLOCK_KEYS * Long.BYTES);
  private final ByteBuffer out = ByteBuffer.allocate(WRITE_BUFFER_BYTES);
  private long keys;

  SpilledKeyRuns(Path directory) {
    this.directory = directory;
  }

  /** Writes {@code sorted[0, count)} as a new run. */
  void write(long[] sorted, int count) {
    Path file = null;
    FileChannel channel = null;
    try {
      file = Files.createTempFile(directory, "strata-keys-", ".run");
      file.toFile().deleteOnExit();
      channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
      out.clear();
      for (int i = 0; i < count; i++) {
        if (!out.hasRemaining()) {
          drain(channel);
        }
        out.putLong(sorted[i]);
      }
      drain(channel);
      runs.add(new Run(file, channel, count));
      keys += count;
    } catch (IOException e) {
      closeQuietly(channel, file);
      throw new UncheckedIOException(
          "Cannot spill business keys to " + directory + ": " + e.getMessage(), e);
    }
  }

  /** True if any run holds the hash. */
  boolean contains(long hash) {
    for (Run run : runs) {
      try {
        if (contains(run, hash)) {
          return true;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot read spilled business keys in " + directory + ": " + e.getMessage(), e);
      }
    }
    return false;
  }

  /** Number of hashes in all runs. */
  long keys() {
    return keys;
  }

  /** Deletes every run file; a file that cannot be deleted is logged and left to deleteOnExit. */
  @Override
  public void close() {
    for (Run run : runs) {
      closeQuietly(run.channel(), run.file());
    }
    runs.clear();
    keys = 0;
  }

  private boolean contains(Run run, long hash) throws IOException {
    long low = 0;
    long high = run.count() - 1;
    while (high - low + 1 > BLOCK_KEYS) {
      long middle = (low + high) >>> 1;
      long value = read(run.channel(), middle);
      if (value < hash) {
        low = middle + 1;
      } else if (value > hash) {
        high = middle - 1;
      } else {
        return true;
      }
    }
    if (low > high) {
      return false;
    }
    int length = (int) (high - low + 1);
    block.clear().limit(length * Long.BYTES);
    fill(run.channel(), block, low * Long.BYTES);
    int from = 0;
    int to = length - 1;
    while (from <= to) {
      int middle = (from + to) >>> 1;
      long value = block.getLong(middle * Long.BYTES);
      if (value < hash) {
        from = middle + 1;
      } else if (value > hash) {
        to = middle - 1;
      } else {
        return true;
      }
    }
    return false;
  }

  private long read(FileChannel channel, long index) throws IOException {
    single.clear();
    fill(channel, single, index * Long.BYTES);
    return single.getLong(0);
  }

  private static void fill(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, at);
      if (read < 0) {
        throw new IOException("run file ends at byte " + at);
      }
      at += read;
    }
  }

  private void drain(FileChannel channel) throws IOException {
    out.flip();
    while (out.hasRemaining()) {
      channel.write(out);
    }
    out.clear();
  }

  private static void closeQuietly(FileChannel channel, Path file) {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      LOG.warn("Cannot close spilled business keys {}: {}", file, e.getMessage());
    }
    try {
      if (file != null) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      LOG.warn("Cannot delete spilled business keys {}: {}", file, e.getMessage());
    }
  }
}
