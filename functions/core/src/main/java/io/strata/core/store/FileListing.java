package io.strata.core.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Collects the objects of a {@link FileSystemObjectStore} bucket below a directory, skipping
 * temporary files and tolerating files deleted while the walk runs.
 */
final class FileListing extends SimpleFileVisitor<Path> {
  private final String bucket;
  private final Path bucketDir;
  private final String prefix;
  private final List<ObjectInfo> found;

  FileListing(String bucket, Path bucketDir, String prefix, List<ObjectInfo> found) {
    this.bucket = bucket;
    this.bucketDir = bucketDir;
    this.prefix = prefix;
    this.found = found;
  }

  @Override
  public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
    if (attributes.isRegularFile()
        && !file.getFileName().toString().startsWith(FileSystemObjectStore.TEMP_PREFIX)) {
      String key =
          bucketDir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
      if (key.startsWith(prefix)) {
        found.add(info(bucket, key, attributes));
      }
    }
    return FileVisitResult.CONTINUE;
  }

  @Override
  public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
    if (e instanceof NoSuchFileException) {
      return FileVisitResult.CONTINUE;
    }
    throw e;
  }

  /**
   * The metadata of a file; its entity tag is the MD5 of the file identity (inode), size and
   * modification time.
   */
  static ObjectInfo info(String bucket, String key, BasicFileAttributes attributes) {
    String identity =
        attributes.fileKey()
            + ":"
            + attributes.size()
            + ":"
            + attributes.lastModifiedTime().toInstant();
    return new ObjectInfo(
        bucket,
        key,
        attributes.size(),
        md5Hex(identity),
        null,
        attributes.lastModifiedTime().toInstant());
  }

  private static String md5Hex(String text) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      return HexFormat.of().formatHex(md5.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required by every Java platform", e);
    }
  }
}
