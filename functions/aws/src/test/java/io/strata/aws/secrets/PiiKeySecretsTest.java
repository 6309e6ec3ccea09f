package io.strata.aws.secrets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Reading the PII hash key through the real SDK, WireMock standing in for Secrets Manager. */
class PiiKeySecretsTest {

  @RegisterExtension
  static final WireMockExtension SECRETS =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String SECRET =
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:strata/pii-hash-key-AbCdEf";

  @Test
  void readsTheKeyFromTheSecretStringWithoutSurroundingWhitespace() {
    // given
    SECRETS.stubFor(
        getSecretValue()
            .willReturn(ok("{\"ARN\":\"" + SECRET + "\",\"SecretString\":\"s3cr3t-key\\n\"}")));

    // when
    String key;
    try (SecretsManagerClient client = client()) {
      key = new PiiKeySecrets(client).read(SECRET);
    }

    // then
    assertThat(key).isEqualTo("s3cr3t-key");
    SECRETS.verify(
        1,
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
            .withRequestBody(equalToJson("{\"SecretId\":\"" + SECRET + "\"}")));
  }

  @Test
  void failsClearlyWhenTheSecretIsMissing() {
    // given
    SECRETS.stubFor(
        getSecretValue()
            .willReturn(
                error(
                    "ResourceNotFoundException",
                    "Secrets Manager can't find the specified secret.")));

    // when / then
    try (SecretsManagerClient client = client()) {
      assertThatThrownBy(() -> new PiiKeySecrets(client).read(SECRET))
          .isExactlyInstanceOf(IllegalStateException.class)
          .hasMessage(
              "Cannot read PII hash key from secret "
                  + SECRET
                  + ": ResourceNotFoundException: Secrets Manager can't find the specified"
                  + " secret. (HTTP 400)");
    }
  }

  @Test
  void failsWhenTheSecretHoldsNoString() {
    SECRETS.stubFor(
        getSecretValue().willReturn(ok("{\"ARN\":\"" + SECRET + "\",\"SecretBinary\":\"AAEC\"}")));

    try (SecretsManagerClient client = client()) {
      assertThatThrownBy(() -> new PiiKeySecrets(client).read(SECRET))
          .isExactlyInstanceOf(IllegalStateException.class)
          .hasMessage(
              "Cannot read PII hash key from secret " + SECRET + ": it holds no secret string");
    }
  }

  @Test
  void failsWhenTheSecretStringIsBlank() {
    SECRETS.stubFor(
        getSecretValue().willReturn(ok("{\"ARN\":\"" + SECRET + "\",\"SecretString\":\"  \"}")));

    try (SecretsManagerClient client = client()) {
      assertThatThrownBy(() -> new PiiKeySecrets(client).read(SECRET))
          .isExactlyInstanceOf(IllegalStateException.class)
          .hasMessage(
              "Cannot read PII hash key from secret " + SECRET + ": its secret string is blank");
    }
  }

  @Test
  void prefersTheSecretOverTheConfiguredKeyWhenBothAreSet() {
    // given
    SECRETS.stubFor(
        getSecretValue().willReturn(ok("{\"ARN\":\"" + SECRET + "\",\"SecretString\":\"k\"}")));

    // when
    Optional<String> key =
        PiiKeySecrets.hashKey(
            Optional.of("local-fallback"), Optional.of(SECRET), PiiKeySecretsTest::client);

    // then
    assertThat(key).contains("k");
  }

  @Test
  void usesTheConfiguredKeyWithoutCallingAwsWhenNoSecretIsSet() {
    Optional<String> key =
        PiiKeySecrets.hashKey(
            Optional.of("local-key"),
            Optional.empty(),
            () -> {
              throw new AssertionError("no secret is set, so no client is needed");
            });

    assertThat(key).contains("local-key");
    assertThat(PiiKeySecrets.hashKey(Optional.empty(), Optional.empty())).isEmpty();
    SECRETS.verify(0, postRequestedFor(urlEqualTo("/")));
  }

  private static SecretsManagerClient client() {
    return SecretsManagerClient.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .endpointOverride(URI.create(SECRETS.baseUrl()))
        .region(Region.EU_WEST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }

  private static MappingBuilder getSecretValue() {
    return post(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"));
  }

  private static ResponseDefinitionBuilder ok(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody(body);
  }

  private static ResponseDefinitionBuilder error(String type, String message) {
    return aResponse()
        .withStatus(400)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withHeader("x-amzn-ErrorType", type)
        .withBody("{\"__type\":\"" + type + "\",\"Message\":\"" + message + "\"}");
  }
}
