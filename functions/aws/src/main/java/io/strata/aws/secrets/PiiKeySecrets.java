package io.strata.aws.secrets;

import io.strata.aws.AwsErrors;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reads the PII hash key from AWS Secrets Manager, so that in AWS the key lives only in the secret
 * and never in the function's configuration.
 */
public final class PiiKeySecrets {

  private final SecretsManagerClient secrets;

  public PiiKeySecrets(SecretsManagerClient secrets) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
  }

  /**
   * The configured PII hash key: the string of the secret {@code hashKeySecret} when that is set
   * (read with a url-connection client that is closed afterwards), otherwise {@code hashKey},
   * otherwise none.
   *
   * @throws IllegalStateException when the secret is set but cannot be read or holds no key
   */
  public static Optional<String> hashKey(Optional<String> hashKey, Optional<String> hashKeySecret) {
    return hashKey(hashKey, hashKeySecret, PiiKeySecrets::defaultClient);
  }

  static Optional<String> hashKey(
      Optional<String> hashKey,
      Optional<String> hashKeySecret,
      Supplier<SecretsManagerClient> clients) {
    if (hashKeySecret.isEmpty()) {
      return hashKey;
    }
    try (SecretsManagerClient client = clients.get()) {
      return Optional.of(new PiiKeySecrets(client).read(hashKeySecret.get()));
    }
  }

  /**
   * The secret's string without surrounding whitespace (a key pasted with a trailing newline is the
   * same key).
   *
   * @throws IllegalStateException when the secret cannot be read, holds binary data or is blank
   */
  public String read(String secretId) {
    String value;
    try {
      value = secrets.getSecretValue(r -> r.secretId(secretId)).secretString();
    } catch (SdkException | UncheckedIOException e) {
      throw failure(secretId, AwsErrors.reason(e), e);
    }
    if (value == null) {
      throw failure(secretId, "it holds no secret string", null);
    }
    if (value.isBlank()) {
      throw failure(secretId, "its secret string is blank", null);
    }
    return value.strip();
  }

  /** A client on the url-connection HTTP client, region and credentials from the environment. */
  static SecretsManagerClient defaultClient() {
    return SecretsManagerClient.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  private static IllegalStateException failure(String secretId, String reason, Throwable cause) {
    return new IllegalStateException(
        "Cannot read PII hash key from secret " + secretId + ": " + reason, cause);
  }
}
