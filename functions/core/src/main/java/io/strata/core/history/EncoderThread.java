package io.strata.core.history;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * Hands rows, in chunks, to one daemon thread that encodes them, so that parsing and validation on
 * the caller overlap with Parquet encoding and compression. Rows keep their order, so output is the
 * same as when written on the caller. Memory is bounded: at most {@link #CHUNKS} chunks of {@link
 * #CHUNK_ROWS} rows exist at once, and the caller waits while all of them are queued. Each chunk is
 * allocated afresh rather than recycled: a recycled chunk lives in the old generation, and storing
 * young values into it costs G1 a card-marking barrier and card scanning per value (measured here:
 * about 15% less CPU in total with fresh chunks).
 *
 * <p>A failure of the encoder is rethrown, as the same exception, on the caller's next {@link
 * #submit} or at {@link #finish}; the encoder then drops the rows still queued. Used by one caller
 * thread only.
 */
final class EncoderThread {

  /** Receives each row on the encoder thread. */
  @FunctionalInterface
  interface RowSink {
    void write(RowPartitioner.Partition partition, Object[] values, long sourceLine);
  }

  static final int CHUNK_ROWS = 2048;
  static final int CHUNKS = 4;

  private static final Chunk END = new Chunk(0, 0);

  private final String name;
  private final RowSink sink;
  private final int columns;
  private final BlockingQueue<Chunk> queued = new ArrayBlockingQueue<>(CHUNKS + 1);
  private final Semaphore permits = new Semaphore(CHUNKS);
  private volatile Throwable failure;
  private volatile boolean discarding;
  private Thread thread;
  private Chunk current;

  EncoderThread(String name, int columns, RowSink sink) {
    this.name = name;
    this.columns = columns;
    this.sink = sink;
  }

  /**
   * Queues a copy of the row.
   *
   * @throws RuntimeException the encoder's failure, if it failed on an earlier row
   */
  void submit(RowPartitioner.Partition partition, Object[] values, long sourceLine) {
    rethrowFailure();
    if (current == null) {
      current = nextFreeChunk();
    }
    current.add(partition, values, sourceLine);
    if (current.isFull()) {
      Chunk full = current;
      current = null;
      enqueue(full);
    }
  }

  /**
   * Waits until every queued row is written and the thread has ended; afterwards everything the
   * sink touched is safe to use on the caller.
   *
   * @throws RuntimeException the encoder's failure, if it failed
   */
  void finish() {
    if (current != null && current.size > 0) {
      enqueue(current);
    }
    current = null;
    stop(false);
    rethrowFailure();
  }

  /** Drops the queued rows and waits for the thread to end. Safe to call more than once. */
  void abort() {
    discarding = true;
    current = null;
    stop(true);
  }

  private Chunk nextFreeChunk() {
    if (thread == null) {
      thread = new Thread(this::run, name);
      thread.setDaemon(true);
      thread.start();
    }
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Cannot hand rows to " + name + ": interrupted", e);
    }
    rethrowFailure();
    return new Chunk(CHUNK_ROWS, columns);
  }

  private void enqueue(Chunk chunk) {
    // Never blocks: the queue holds every chunk plus the end marker.
    if (!queued.offer(chunk)) {
      throw new IllegalStateException("Cannot hand rows to " + name + ": the queue is full");
    }
  }

  private void stop(boolean uninterruptibly) {
    if (thread == null || !thread.isAlive()) {
      return;
    }
    queued.offer(END);
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        if (!uninterruptibly) {
          abort();
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Cannot finish " + name + ": interrupted", e);
        }
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      for (Chunk chunk = queued.take(); chunk != END; chunk = queued.take()) {
        if (failure == null && !discarding) {
          writeAll(chunk);
        }
        permits.release();
      }
    } catch (InterruptedException e) {
      failure = new IllegalStateException(name + " was interrupted", e);
    }
  }

  private void writeAll(Chunk chunk) {
    try {
      for (int i = 0; i < chunk.size; i++) {
        sink.write(chunk.partitions[i], chunk.rows[i], chunk.lines[i]);
      }
    } catch (RuntimeException | Error e) {
      failure = e;
    }
  }

  private void rethrowFailure() {
    Throwable t = failure;
    if (t instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (t instanceof Error error) {
      throw error;
    }
  }

  /** A batch of row copies with their partitions and source lines. */
  private static final class Chunk {
    final RowPartitioner.Partition[] partitions;
    final Object[][] rows;
    final long[] lines;
    int size;

    Chunk(int capacity, int columns) {
      this.partitions = new RowPartitioner.Partition[capacity];
      this.rows = new Object[capacity][columns];
      this.lines = new long[capacity];
    }

    void add(RowPartitioner.Partition partition, Object[] values, long line) {
      partitions[size] = partition;
      System.arraycopy(values, 0, rows[size], 0, values.length);
      lines[size++] = line;
    }

    boolean isFull() {
      return size == rows.length;
    }
  }
}
