package io.strata.core.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Derives a batch id from what identifies one version of a raw object: bucket, key and version id
 * (or, in an unversioned bucket, the ETag). The same object always gets the same id, so duplicate
 * and retried events land on the same history keys and the same manifest.
 */
public final class BatchId {

  private static final int HEX_CHARS = 24;

  private BatchId() {}

  /** A 24-character lowercase hex id (96 bits of SHA-256). */
  public static String of(RawObjectRef raw) {
    String version;
    if (raw.versionId() != null && !raw.versionId().isBlank()) {
      version = "version:" + raw.versionId();
    } else if (raw.eTag() != null && !raw.eTag().isBlank()) {
      version = "etag:" + raw.eTag();
    } else {
      version = "size:" + raw.size() + "@" + raw.arrivedAt();
    }
    String identity = raw.bucket() + '\n' + raw.key() + '\n' + version;
    return HexFormat.of().formatHex(sha256(identity)).substring(0, HEX_CHARS);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
