package io.strata.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every object of the local S3 server the ETag S3 would give it, also a file somebody copied
 * into a bucket folder: the MD5 of its content, computed once and kept in the extended attribute
 * the S3 server reads ETags from, so its own conditional requests ({@code If-Match}) agree.
 *
 * <p>Beside the ETag each file gets a stamp of the size and modification time it was computed for,
 * plus the content's MD5. A file whose size or time no longer match is hashed again: when only its
 * time changed ({@code touch}) and the content is the same, it keeps its ETag (also a multipart
 * one), so the object is the same and is not ingested again; when the content changed, it gets the
 * new MD5. On file systems without user attributes the stamps are kept in memory instead.
 */
final class ContentETags {

  private static final Logger LOG = LoggerFactory.getLogger(ContentETags.class);

  /** The attribute s3proxy keeps an object's ETag in: 16 MD5 bytes, or a multipart ETag's text. */
  static final String ETAG_ATTRIBUTE = "user.content-md5";

  /** Ours: {@code <size>|<modified>|<content md5>} of the file the ETag was last checked for. */
  static final String STAMP_ATTRIBUTE = "strata.etag-stamp";

  private static final int MD5_BYTES = 16;

  private final Clock clock;
  private final Duration settleTime;
  private final Map<Path, Stamp> unattributed = new ConcurrentHashMap<>();

  /**
   * @param settleTime how long a changed file must have held still before a listing hashes it; a
   *     file still being copied into a folder is not hashed again and again while it grows
   */
  ContentETags(Clock clock, Duration settleTime) {
    this.clock = clock;
    this.settleTime = settleTime;
  }

  /** The file's ETag (without quotes), hashing it when needed; empty when there is no such file. */
  Optional<String> of(Path file) {
    return resolve(file, false);
  }

  /**
   * The ETag for a listing: like {@link #of}, but empty for a changed file that was modified within
   * the settle time; it gets its ETag once it holds still.
   */
  Optional<String> listed(Path file) {
    return resolve(file, true);
  }

  /**
   * Stamps an object the S3 server just wrote with a plain MD5 ETag, so it is not hashed again. A
   * multipart upload's ETag is no content MD5: that object is hashed when first asked for.
   */
  void written(Path file) {
    try {
      UserDefinedFileAttributeView view = attributesOf(file);
      Optional<String> eTag = view == null ? Optional.empty() : read(view, ETAG_ATTRIBUTE);
      if (eTag.isEmpty() || isMultipart(eTag.get())) {
        return;
      }
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      Stamp stamp =
          new Stamp(
              attributes.size(), attributes.lastModifiedTime().toString(), eTag.get(), eTag.get());
      view.write(STAMP_ATTRIBUTE, StandardCharsets.US_ASCII.encode(stamp.text()));
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("Cannot stamp the ETag of {}: {}", file, e.getMessage());
    }
  }

  private Optional<String> resolve(Path file, boolean settle) {
    try {
      BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class);
      if (!before.isRegularFile()) {
        return Optional.empty();
      }
      UserDefinedFileAttributeView view = attributesOf(file);
      Optional<String> kept = view == null ? Optional.empty() : read(view, ETAG_ATTRIBUTE);
      Stamp stamp =
          view == null
              ? unattributed.get(file)
              : read(view, STAMP_ATTRIBUTE).flatMap(Stamp::parse).orElse(null);
      if (view == null && stamp != null) {
        kept = Optional.of(stamp.eTag());
      }
      if (stamp != null && stamp.describes(before) && kept.isPresent()) {
        return kept;
      }
      if (settle && isSettling(before)) {
        return Optional.empty();
      }
      String md5 = md5Of(file);
      BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class);
      if (!Stamp.sameFile(before, after)) {
        return Optional.empty();
      }
      String eTag = chooseETag(kept, stamp, md5);
      Stamp fresh = new Stamp(after.size(), after.lastModifiedTime().toString(), md5, eTag);
      if (view == null || !store(view, file, eTag, md5, fresh)) {
        unattributed.put(file, fresh);
      }
      return Optional.of(eTag);
    } catch (NoSuchFileException gone) {
      unattributed.remove(file);
      return Optional.empty();
    } catch (IOException e) {
      LOG.warn("Cannot compute the ETag of {}: {}", file, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Keeps the ETag the object has when its content is what it was: a touched file, or a multipart
   * upload of the S3 server (whose ETag is no plain MD5) that was never checked before.
   */
  private static String chooseETag(Optional<String> kept, Stamp stamp, String md5) {
    if (kept.isEmpty()) {
      return md5;
    }
    if (stamp != null) {
      return stamp.contentMd5().equals(md5) ? kept.get() : md5;
    }
    return isMultipart(kept.get()) ? kept.get() : md5;
  }

  private boolean isSettling(BasicFileAttributes attributes) {
    return attributes.lastModifiedTime().toInstant().isAfter(clock.instant().minus(settleTime));
  }

  private static boolean store(
      UserDefinedFileAttributeView view, Path file, String eTag, String md5, Stamp stamp) {
    try {
      if (eTag.equals(md5)) {
        view.write(ETAG_ATTRIBUTE, ByteBuffer.wrap(HexFormat.of().parseHex(md5)));
      }
      view.write(STAMP_ATTRIBUTE, StandardCharsets.US_ASCII.encode(stamp.text()));
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("Cannot keep the ETag of {} in its attributes: {}", file, e.getMessage());
      return false;
    }
  }

  private static UserDefinedFileAttributeView attributesOf(Path file) {
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    if (view == null) {
      return null;
    }
    try {
      view.list();
      return view;
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  /** An attribute's value: 16 bytes as hex, anything else as text without quotes. */
  private static Optional<String> read(UserDefinedFileAttributeView view, String name)
      throws IOException {
    if (!view.list().contains(name)) {
      return Optional.empty();
    }
    ByteBuffer buffer = ByteBuffer.allocate(view.size(name));
    view.read(name, buffer);
    byte[] bytes = buffer.array();
    if (name.equals(ETAG_ATTRIBUTE) && bytes.length == MD5_BYTES) {
      return Optional.of(HexFormat.of().formatHex(bytes));
    }
    return Optional.of(new String(bytes, StandardCharsets.US_ASCII).replace("\"", ""));
  }

  private static boolean isMultipart(String eTag) {
    return eTag.contains("-");
  }

  static String md5Of(Path file) throws IOException {
    MessageDigest md5;
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required of every JVM", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md5)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(md5.digest());
  }

  /** Size, modification time and content MD5 a file's ETag was checked for. */
  private record Stamp(long size, String modified, String contentMd5, String eTag) {

    static Optional<Stamp> parse(String text) {
      String[] parts = text.split("\\|", -1);
      if (parts.length != 3) {
        return Optional.empty();
      }
      try {
        return Optional.of(new Stamp(Long.parseLong(parts[0]), parts[1], parts[2], null));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }

    static boolean sameFile(BasicFileAttributes a, BasicFileAttributes b) {
      return a.size() == b.size() && a.lastModifiedTime().equals(b.lastModifiedTime());
    }

    boolean describes(BasicFileAttributes attributes) {
      return size == attributes.size() && modified.equals(attributes.lastModifiedTime().toString());
    }

    String text() {
      return size + "|" + modified + "|" + contentMd5;
    }
  }
}
