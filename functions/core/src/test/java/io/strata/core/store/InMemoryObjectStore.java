package io.strata.core.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A thread-safe in-memory {@link ObjectStore} for tests. Buckets exist implicitly. It can be told
 * to fail the N-th write or every write under a key prefix, to simulate crashes half-way through a
 * batch; a failing streamed write fails when it is committed (closed), like a multipart upload
 * whose completion fails. It can also cut reads short, like a dropped connection.
 */
public final class InMemoryObjectStore implements ObjectStore {

  /** One stored object. */
  public record StoredObject(byte[] content, String contentType, String eTag, Instant modified) {}

  private final ConcurrentMap<String, ConcurrentSkipListMap<String, StoredObject>> buckets =
      new ConcurrentHashMap<>();
  private final Clock clock;
  private final AtomicInteger writes = new AtomicInteger();
  private final AtomicInteger openWriters = new AtomicInteger();
  private final AtomicInteger abortedWriters = new AtomicInteger();
  private final List<String> failingPrefixes = new CopyOnWriteArrayList<>();
  private volatile int failingWrite = -1;
  private volatile long cutReadsAfter = -1;

  public InMemoryObjectStore() {
    this(Clock.systemUTC());
  }

  public InMemoryObjectStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Makes the {@code n}-th write from now on fail (1 = the next one); writes are counted over put,
   * putIfAbsent, copy and committing a streamed write.
   */
  public void failNthWrite(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, got " + n);
    }
    failingWrite = writes.get() + n;
  }

  /** Makes every write of a key starting with the prefix fail, in any bucket. */
  public void failWritesUnder(String keyPrefix) {
    failingPrefixes.add(Objects.requireNonNull(keyPrefix, "keyPrefix"));
  }

  /**
   * Ends every stream {@link #open(String, String)} returns after {@code bytes} bytes, silently,
   * the way an HTTP client reports a connection closed before the object's length.
   */
  public void cutReadsAfter(long bytes) {
    cutReadsAfter = bytes;
  }

  /** Stops injecting failures. */
  public void healWrites() {
    failingWrite = -1;
    failingPrefixes.clear();
    cutReadsAfter = -1;
  }

  /** The keys of a bucket in list order. */
  public List<String> keys(String bucket) {
    return new ArrayList<>(bucket(bucket).keySet());
  }

  /** The stored object, or empty. */
  public Optional<StoredObject> object(String bucket, String key) {
    return Optional.ofNullable(bucket(bucket).get(key));
  }

  /** Streamed writes neither closed nor aborted yet. */
  public int openWriters() {
    return openWriters.get();
  }

  /** Streamed writes that were aborted. */
  public int abortedWriters() {
    return abortedWriters.get();
  }

  @Override
  public InputStream open(String bucket, String key) {
    StoredObject object = bucket(bucket).get(key);
    if (object == null) {
      throw new ObjectNotFoundException(bucket, key);
    }
    byte[] content = object.content();
    long cut = cutReadsAfter;
    int length = cut < 0 ? content.length : (int) Math.min(cut, content.length);
    return new ByteArrayInputStream(content, 0, length);
  }

  @Override
  public Optional<ObjectInfo> head(String bucket, String key) {
    return object(bucket, key).map(o -> info(bucket, key, o));
  }

  @Override
  public void put(String bucket, String key, byte[] content, String contentType) {
    checkWrite(bucket, key);
    bucket(bucket).put(key, stored(content, contentType));
  }

  @Override
  public boolean putIfAbsent(String bucket, String key, byte[] content, String contentType) {
    checkWrite(bucket, key);
    return bucket(bucket).putIfAbsent(key, stored(content, contentType)) == null;
  }

  @Override
  public ObjectWriter create(String bucket, String key, String contentType) {
    requireKey(bucket, key);
    openWriters.incrementAndGet();
    return new MemoryWriter(bucket, key, contentType);
  }

  @Override
  public void copy(String sourceBucket, String sourceKey, String targetBucket, String targetKey) {
    StoredObject source = bucket(sourceBucket).get(sourceKey);
    if (source == null) {
      throw new ObjectNotFoundException(sourceBucket, sourceKey);
    }
    checkWrite(targetBucket, targetKey);
    bucket(targetBucket).put(targetKey, stored(source.content(), source.contentType()));
  }

  @Override
  public void delete(String bucket, String key) {
    requireKey(bucket, key);
    bucket(bucket).remove(key);
  }

  @Override
  public List<ObjectInfo> list(String bucket, String prefix) {
    String from = prefix == null ? "" : prefix;
    List<ObjectInfo> found = new ArrayList<>();
    bucket(bucket)
        .tailMap(from, true)
        .forEach(
            (key, object) -> {
              if (key.startsWith(from)) {
                found.add(info(bucket, key, object));
              }
            });
    return found;
  }

  private ConcurrentSkipListMap<String, StoredObject> bucket(String bucket) {
    ObjectKeys.requireSafeBucket(bucket);
    return buckets.computeIfAbsent(bucket, b -> new ConcurrentSkipListMap<>(ObjectKeys.ORDER));
  }

  private void checkWrite(String bucket, String key) {
    requireKey(bucket, key);
    int number = writes.incrementAndGet();
    boolean failing = number == failingWrite || failingPrefixes.stream().anyMatch(key::startsWith);
    if (failing) {
      throw new ObjectStoreException(
          ObjectStoreException.message("write", bucket, key, "injected failure"));
    }
  }

  private static void requireKey(String bucket, String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("Invalid key in bucket " + bucket + ": empty");
    }
  }

  private StoredObject stored(byte[] content, String contentType) {
    byte[] copy = content.clone();
    return new StoredObject(copy, contentType, md5Hex(copy), clock.instant());
  }

  private static ObjectInfo info(String bucket, String key, StoredObject object) {
    return new ObjectInfo(
        bucket, key, object.content().length, object.eTag(), null, object.modified());
  }

  private static String md5Hex(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required by every Java platform", e);
    }
  }

  private final class MemoryWriter extends ObjectWriter {
    private final String bucket;
    private final String key;
    private final String contentType;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private boolean done;

    MemoryWriter(String bucket, String key, String contentType) {
      this.bucket = bucket;
      this.key = key;
      this.contentType = contentType;
    }

    @Override
    public synchronized void write(int b) {
      ensureOpen();
      buffer.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      ensureOpen();
      buffer.write(b, off, len);
    }

    @Override
    public synchronized long bytesWritten() {
      return buffer.size();
    }

    @Override
    public synchronized void close() {
      if (done) {
        return;
      }
      done = true;
      openWriters.decrementAndGet();
      checkWrite(bucket, key);
      bucket(bucket).put(key, stored(buffer.toByteArray(), contentType));
    }

    @Override
    public synchronized void abort() {
      if (!done) {
        done = true;
        openWriters.decrementAndGet();
        abortedWriters.incrementAndGet();
      }
    }

    private void ensureOpen() {
      if (done) {
        throw new IllegalStateException(
            ObjectStoreException.message("write", bucket, key, "the writer is closed"));
      }
    }
  }
}
