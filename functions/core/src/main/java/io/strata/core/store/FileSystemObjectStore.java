package io.strata.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An {@link ObjectStore} over plain files {@code root/bucket/key}, the layout of s3proxy's
 * filesystem provider, so DuckDB can read what it holds. Every write goes to a temporary file in
 * the target directory and is renamed into place, so readers see whole objects or nothing.
 *
 * <p>The entity tag is an opaque version token, not the content MD5: the hex MD5 of the file's
 * identity (inode), size and modification time. Every write renames a fresh file into place, so the
 * tag changes on every write while {@code head} and {@code list} stay cheap for large objects.
 *
 * <p>Thread-safe: it holds no state besides the root, and {@link #putIfAbsent} is atomic (a hard
 * link that fails when the key exists; {@code CREATE_NEW} where links are unsupported).
 *
 * <p>Like any file system, it cannot hold both {@code a} and {@code a/b}; empty directories left by
 * deletes are kept (listing ignores them).
 */
public final class FileSystemObjectStore implements ObjectStore {

  /** Name prefix of in-flight temporary files; {@link #list} skips them. */
  static final String TEMP_PREFIX = ".strata-tmp-";

  private final Path root;

  public FileSystemObjectStore(Path root) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
  }

  /** The directory holding the buckets. */
  public Path root() {
    return root;
  }

  @Override
  public InputStream open(String bucket, String key) {
    Path file = resolve(bucket, key);
    try {
      if (Files.isDirectory(file)) {
        throw new ObjectNotFoundException(bucket, key);
      }
      return Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new ObjectNotFoundException(bucket, key);
    } catch (IOException e) {
      throw failure("read", bucket, key, e);
    }
  }

  @Override
  public Optional<ObjectInfo> head(String bucket, String key) {
    Path file = resolve(bucket, key);
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return attributes.isRegularFile()
          ? Optional.of(FileListing.info(bucket, key, attributes))
          : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw failure("read metadata of", bucket, key, e);
    }
  }

  @Override
  public void put(String bucket, String key, byte[] content, String contentType) {
    Path file = resolve(bucket, key);
    Path temp = null;
    try {
      temp = writeTemp(file, content);
      moveIntoPlace(temp, file);
    } catch (IOException e) {
      throw failure("write", bucket, key, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  @Override
  public boolean putIfAbsent(String bucket, String key, byte[] content, String contentType) {
    Path file = resolve(bucket, key);
    Path temp = null;
    try {
      temp = writeTemp(file, content);
      Files.createLink(file, temp);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (UnsupportedOperationException e) {
      return createNew(bucket, key, file, content);
    } catch (IOException e) {
      throw failure("write", bucket, key, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  @Override
  public ObjectWriter create(String bucket, String key, String contentType) {
    Path file = resolve(bucket, key);
    try {
      Files.createDirectories(file.getParent());
      return new FileObjectWriter(bucket, key, file, tempFor(file));
    } catch (IOException e) {
      throw failure("write", bucket, key, e);
    }
  }

  @Override
  public void copy(String sourceBucket, String sourceKey, String targetBucket, String targetKey) {
    Path source = resolve(sourceBucket, sourceKey);
    Path target = resolve(targetBucket, targetKey);
    if (!Files.isRegularFile(source)) {
      throw new ObjectNotFoundException(sourceBucket, sourceKey);
    }
    try {
      Files.createDirectories(target.getParent());
      Path temp = tempFor(target);
      try {
        Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
        moveIntoPlace(temp, target);
      } finally {
        deleteQuietly(temp);
      }
    } catch (NoSuchFileException e) {
      throw new ObjectNotFoundException(sourceBucket, sourceKey);
    } catch (IOException e) {
      throw failure(
          "copy s3://" + sourceBucket + "/" + sourceKey + " to", targetBucket, targetKey, e);
    }
  }

  @Override
  public void delete(String bucket, String key) {
    Path file = resolve(bucket, key);
    try {
      if (!Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw failure("delete", bucket, key, e);
    }
  }

  @Override
  public List<ObjectInfo> list(String bucket, String prefix) {
    ObjectKeys.requireSafeBucket(bucket);
    Path bucketDir = root.resolve(bucket);
    String safePrefix = prefix == null ? "" : prefix;
    int slash = safePrefix.lastIndexOf('/');
    Path start = bucketDir;
    if (slash > 0) {
      ObjectKeys.requireSafe(bucket, safePrefix.substring(0, slash));
      start = bucketDir.resolve(safePrefix.substring(0, slash));
    }
    List<ObjectInfo> found = new ArrayList<>();
    if (!Files.isDirectory(start)) {
      return found;
    }
    try {
      Files.walkFileTree(start, new FileListing(bucket, bucketDir, safePrefix, found));
    } catch (IOException e) {
      throw failure("list", bucket, safePrefix, e);
    }
    found.sort((a, b) -> ObjectKeys.ORDER.compare(a.key(), b.key()));
    return found;
  }

  private Path resolve(String bucket, String key) {
    ObjectKeys.requireSafe(bucket, key);
    Path bucketDir = root.resolve(bucket).normalize();
    Path file = bucketDir.resolve(key).normalize();
    if (!file.startsWith(bucketDir) || file.equals(bucketDir)) {
      throw new IllegalArgumentException(
          "Invalid key s3://" + bucket + "/" + key + ": escapes the bucket");
    }
    return file;
  }

  private boolean createNew(String bucket, String key, Path file, byte[] content) {
    try {
      Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw failure("write", bucket, key, e);
    }
  }

  private static Path writeTemp(Path file, byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = tempFor(file);
    Files.write(temp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return temp;
  }

  private static Path tempFor(Path file) {
    return file.resolveSibling(TEMP_PREFIX + UUID.randomUUID());
  }

  static void moveIntoPlace(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path temp) {
    if (temp != null) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        // A leftover temporary file is invisible to list() and harmless.
      }
    }
  }

  private static ObjectStoreException failure(
      String action, String bucket, String key, IOException e) {
    return new ObjectStoreException(
        ObjectStoreException.message(action, bucket, key, reason(e)), e);
  }

  /** A short reason for an I/O failure that names the exception and what it reported. */
  static String reason(IOException e) {
    String type = e.getClass().getSimpleName();
    return e.getMessage() == null ? type : type + " (" + e.getMessage() + ")";
  }
}
