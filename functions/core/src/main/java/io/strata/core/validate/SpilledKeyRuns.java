package io.strata.core.validate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sorted runs of key hashes in temporary files, searched by binary search with positional reads.
 * Each run keeps at most {@value #FENCES} sampled hashes in memory (32 KiB), so a lookup mostly
 * narrows to one block of the file before reading it. Runs are merged in tiers: once {@value
 * #FANOUT} runs of one level pile up they become one run of the next level, so a lookup searches at
 * most {@value #FANOUT} - 1 runs per level and every hash is rewritten once per level. The files
 * stay open until {@link #close()}, which deletes them; deleteOnExit is only a backstop.
 */
final class SpilledKeyRuns implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SpilledKeyRuns.class);

  static final int FANOUT = 8;

  /** Once the search window fits this many hashes it is read in one go. */
  private static final int BLOCK_KEYS = 512;

  /** Sampled hashes kept in memory per run, whatever its length. */
  static final int FENCES = 4096;

  private static final int WRITE_BUFFER_BYTES = 1 << 16;
  private static final int MERGE_BUFFER_BYTES = 1 << 15;

  /** A run file; {@code fences[j]} is the hash at index {@code j * stride}. */
  private record Run(
      Path file, FileChannel channel, long count, int level, long[] fences, long stride) {}

  @FunctionalInterface
  private interface RunBody {
    void writeTo(FileChannel channel) throws IOException;
  }

  private final Path directory;
  private final List<Run> runs = new ArrayList<>();
  private final ByteBuffer single = ByteBuffer.allocate(Long.BYTES);
  private final ByteBuffer block = ByteBuffer.allocate(BLOCK_KEYS * Long.BYTES);
  private final ByteBuffer out = ByteBuffer.allocate(WRITE_BUFFER_BYTES);
  private ByteBuffer[] mergeBuffers;
  private long[] fences;
  private long stride;
  private long untilFence;
  private int fenceCount;
  private long keys;

  SpilledKeyRuns(Path directory) {
    this.directory = directory;
  }

  /** Writes {@code sorted[0, count)} as a new run, merging full levels. */
  void write(long[] sorted, int count) {
    try {
      runs.add(
          writeRun(
              0,
              count,
              channel -> {
                for (int i = 0; i < count; i++) {
                  put(channel, sorted[i]);
                }
              }));
      keys += count;
      mergeFullLevels();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot spill business keys to " + directory + ": " + e.getMessage(), e);
    }
  }

  /** True if any run holds the hash. */
  boolean contains(long hash) {
    try {
      for (int i = runs.size() - 1; i >= 0; i--) {
        if (contains(runs.get(i), hash)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read spilled business keys in " + directory + ": " + e.getMessage(), e);
    }
  }

  /** Number of hashes in all runs. */
  long keys() {
    return keys;
  }

  /** Number of run files currently open. */
  int runs() {
    return runs.size();
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

  /** Levels never increase along the list, so full levels are always at its end. */
  private void mergeFullLevels() throws IOException {
    while (runs.size() >= FANOUT) {
      List<Run> tail = runs.subList(runs.size() - FANOUT, runs.size());
      int level = tail.get(0).level();
      if (tail.get(FANOUT - 1).level() != level) {
        return;
      }
      Run merged = merge(List.copyOf(tail), level + 1);
      for (Run run : tail) {
        closeQuietly(run.channel(), run.file());
      }
      tail.clear();
      runs.add(merged);
    }
  }

  /** Merges runs that share no hash (a hash is only spilled if no run holds it). */
  private Run merge(List<Run> inputs, int level) throws IOException {
    if (mergeBuffers == null) {
      mergeBuffers = new ByteBuffer[FANOUT];
      for (int i = 0; i < FANOUT; i++) {
        mergeBuffers[i] = ByteBuffer.allocate(MERGE_BUFFER_BYTES);
      }
    }
    RunReader[] readers = new RunReader[inputs.size()];
    long total = 0;
    int live = 0;
    for (int i = 0; i < inputs.size(); i++) {
      RunReader reader = new RunReader(inputs.get(i), mergeBuffers[i]);
      total += inputs.get(i).count();
      if (reader.advance()) {
        readers[live++] = reader;
      }
    }
    int open = live;
    return writeRun(
        level,
        total,
        channel -> {
          int remaining = open;
          while (remaining > 0) {
            int smallest = 0;
            for (int i = 1; i < remaining; i++) {
              if (readers[i].head < readers[smallest].head) {
                smallest = i;
              }
            }
            put(channel, readers[smallest].head);
            if (!readers[smallest].advance()) {
              readers[smallest] = readers[--remaining];
            }
          }
        });
  }

  private Run writeRun(int level, long count, RunBody body) throws IOException {
    Path file = Files.createTempFile(directory, "strata-keys-", ".run");
    FileChannel channel = null;
    try {
      file.toFile().deleteOnExit();
      channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
      out.clear();
      stride = Math.max(BLOCK_KEYS, (count + FENCES - 1) / FENCES);
      fences = new long[(int) ((count + stride - 1) / stride)];
      fenceCount = 0;
      untilFence = 0;
      body.writeTo(channel);
      drain(channel);
      return new Run(file, channel, count, level, fences, stride);
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel, file);
      throw e;
    }
  }

  private boolean contains(Run run, long hash) throws IOException {
    long[] runFences = run.fences();
    int fence = Arrays.binarySearch(runFences, hash);
    if (fence >= 0) {
      return true;
    }
    int before = -fence - 2;
    if (before < 0) {
      return false;
    }
    long low = before * run.stride() + 1;
    long high = Math.min(low - 1 + run.stride(), run.count()) - 1;
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

  private void put(FileChannel channel, long value) throws IOException {
    if (!out.hasRemaining()) {
      drain(channel);
    }
    out.putLong(value);
    if (untilFence == 0) {
      fences[fenceCount++] = value;
      untilFence = stride;
    }
    untilFence--;
  }

  private void drain(FileChannel channel) throws IOException {
    out.flip();
    while (out.hasRemaining()) {
      channel.write(out);
    }
    out.clear();
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

  private static void closeQuietly(FileChannel channel, Path file) {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      LOG.warn("Cannot close spilled business keys {}: {}", file, e.getMessage());
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("Cannot delete spilled business keys {}: {}", file, e.getMessage());
    }
  }

  /** Reads one run front to back through a reused buffer. */
  private static final class RunReader {

    private final FileChannel channel;
    private final ByteBuffer buffer;
    private long position;
    private long left;
    private long head;

    RunReader(Run run, ByteBuffer buffer) {
      this.channel = run.channel();
      this.buffer = buffer;
      this.left = run.count();
      buffer.clear().limit(0);
    }

    /** Moves to the next hash; false once the run is exhausted. */
    boolean advance() throws IOException {
      if (left == 0) {
        return false;
      }
      if (!buffer.hasRemaining()) {
        int bytes = (int) Math.min(buffer.capacity(), left * Long.BYTES);
        buffer.clear().limit(bytes);
        fill(channel, buffer, position);
        position += bytes;
        buffer.flip();
      }
      head = buffer.getLong();
      left--;
      return true;
    }
  }
}
