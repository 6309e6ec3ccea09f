package io.strata.core.contract;

import io.strata.core.store.ObjectInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * The revision of a rule file (a contract, {@code access.yaml}, a report): a token, cheap to take,
 * that changes when the file changes. A file's is its modification time, size and identity (an
 * editor's save replaces the file, which changes its identity); an object's is its ETag.
 */
public final class FileRevision {

  private FileRevision() {}

  /** The revision of a file on disk, or empty when it is absent or not a regular file. */
  public static Optional<String> of(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        return Optional.empty();
      }
      return Optional.of(
          attributes.lastModifiedTime()
              + " "
              + attributes.size()
              + " bytes "
              + attributes.fileKey());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot look at " + file, e);
    }
  }

  /** The revision of an object: its ETag, or its time and size where the store has no ETag. */
  public static String of(ObjectInfo object) {
    return object.eTag() != null
        ? object.eTag()
        : object.lastModified() + " " + object.size() + " bytes";
  }
}
