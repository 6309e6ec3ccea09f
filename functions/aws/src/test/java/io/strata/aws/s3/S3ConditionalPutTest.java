package io.strata.aws.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.store.ObjectStoreException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * How conditional puts read S3's answers: 412 is "exists", 409 ConditionalRequestConflict is
 * "retry".
 */
class S3ConditionalPutTest {

  @Test
  void retriesAConditionalRequestConflictAndCreatesTheObject() {
    ScriptedPuts s3 = new ScriptedPuts(error(409, "ConditionalRequestConflict"), null);

    boolean created = store(s3).putIfAbsent("b", "k", "x".getBytes(UTF_8), "text/plain");

    assertThat(created).isTrue();
    assertThat(s3.calls).isEqualTo(2);
  }

  @Test
  void readsPreconditionFailedAsAlreadyExisting() {
    ScriptedPuts s3 = new ScriptedPuts(error(412, "PreconditionFailed"));

    boolean created = store(s3).putIfAbsent("b", "k", "x".getBytes(UTF_8), "text/plain");

    assertThat(created).isFalse();
  }

  @Test
  void givesUpAfterThreeConflicts() {
    S3Exception conflict = error(409, "ConditionalRequestConflict");
    ScriptedPuts s3 = new ScriptedPuts(conflict, conflict, conflict);

    assertThatThrownBy(() -> store(s3).putIfAbsent("b", "k", "x".getBytes(UTF_8), "text/plain"))
        .isInstanceOf(ObjectStoreException.class)
        .hasMessage("Cannot write s3://b/k: ConditionalRequestConflict: injected (HTTP 409)");
    assertThat(s3.calls).isEqualTo(3);
  }

  @Test
  void failsOnAnyOtherConflict() {
    ScriptedPuts s3 = new ScriptedPuts(error(409, "OperationAborted"));

    assertThatThrownBy(() -> store(s3).putIfAbsent("b", "k", "x".getBytes(UTF_8), "text/plain"))
        .isInstanceOf(ObjectStoreException.class)
        .hasMessage("Cannot write s3://b/k: OperationAborted: injected (HTTP 409)");
  }

  private static S3ObjectStore store(S3Client s3) {
    return new S3ObjectStore(s3);
  }

  private static S3Exception error(int status, String code) {
    return (S3Exception)
        S3Exception.builder()
            .statusCode(status)
            .awsErrorDetails(
                AwsErrorDetails.builder().errorCode(code).errorMessage("injected").build())
            .build();
  }

  /** Answers PutObject from a script: an exception to throw, or null for success. */
  private static final class ScriptedPuts implements S3Client {

    private static final S3Exception SUCCESS = (S3Exception) S3Exception.builder().build();

    private final Deque<S3Exception> script;
    private int calls;

    ScriptedPuts(S3Exception... answers) {
      script = new ArrayDeque<>();
      for (S3Exception answer : answers) {
        script.add(answer == null ? SUCCESS : answer);
      }
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
      calls++;
      S3Exception next = script.poll();
      if (next != null && next != SUCCESS) {
        throw next;
      }
      return PutObjectResponse.builder().eTag("\"e\"").build();
    }

    /** The object a 412 speaks of: another writer's, with another write id. */
    @Override
    public HeadObjectResponse headObject(HeadObjectRequest request) {
      return HeadObjectResponse.builder()
          .metadata(java.util.Map.of(S3ObjectStore.WRITE_ID_METADATA, "another-writer"))
          .build();
    }

    @Override
    public String serviceName() {
      return SERVICE_NAME;
    }

    @Override
    public void close() {}
  }
}
