package io.strata.api.query;

import io.strata.api.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Turns a caller's {@code Idempotency-Key} into the engine's request token: SHA-256 of the owner
 * and the key, so two principals using the same key never share a query.
 */
public final class IdempotencyKeys {

  private IdempotencyKeys() {}

  /** The 64-hex-character token of this owner's key; 400 for a key that is empty or too long. */
  public static String token(String owner, String key) {
    if (key.isBlank() || key.length() > 128) {
      throw ApiException.badRequest("bad_request", "Idempotency-Key must be 1 to 128 characters");
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((owner + "\n" + key).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
