package io.strata.aws.s3;

import io.strata.core.testing.CutInputStream;
import java.util.EnumSet;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * A real S3 client (pointed at s3proxy) that fails chosen upload operations with an S3 500 error,
 * to show how the writer cleans up after a failure part-way through, or cuts the bodies of
 * GetObject answers after a number of bytes, the way a dropped connection looks to the reader.
 */
final class FaultyS3Client implements S3Client {

  enum Operation {
    UPLOAD_PART,
    COMPLETE,
    ABORT
  }

  private final S3Client delegate;
  private final Set<Operation> failing;
  private int uploadPartsBeforeFailure;
  private long cutBodiesAfter = -1;
  private CutInputStream.Cut cut;

  private FaultyS3Client(S3Client delegate, Set<Operation> failing, int uploadPartsBeforeFailure) {
    this.delegate = delegate;
    this.failing = failing;
    this.uploadPartsBeforeFailure = uploadPartsBeforeFailure;
  }

  /** Ends every GetObject body after {@code bytes} bytes, the way {@code cut} says. */
  static FaultyS3Client cuttingBodies(S3Client delegate, long bytes, CutInputStream.Cut cut) {
    FaultyS3Client client = new FaultyS3Client(delegate, EnumSet.noneOf(Operation.class), 0);
    client.cutBodiesAfter = bytes;
    client.cut = cut;
    return client;
  }

  @Override
  public ResponseInputStream<GetObjectResponse> getObject(GetObjectRequest request) {
    ResponseInputStream<GetObjectResponse> body = delegate.getObject(request);
    if (cutBodiesAfter < 0) {
      return body;
    }
    return new ResponseInputStream<>(
        body.response(),
        AbortableInputStream.create(new CutInputStream(body, cutBodiesAfter, cut)));
  }

  @Override
  public HeadObjectResponse headObject(HeadObjectRequest request) {
    return delegate.headObject(request);
  }

  /** Fails the given operations; parts before the {@code n}-th upload succeed. */
  static FaultyS3Client failing(S3Client delegate, int partsBeforeFailure, Operation... ops) {
    Set<Operation> set = EnumSet.noneOf(Operation.class);
    set.addAll(Set.of(ops));
    return new FaultyS3Client(delegate, set, partsBeforeFailure);
  }

  @Override
  public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
    return delegate.putObject(request, body);
  }

  @Override
  public CreateMultipartUploadResponse createMultipartUpload(CreateMultipartUploadRequest request) {
    return delegate.createMultipartUpload(request);
  }

  @Override
  public UploadPartResponse uploadPart(UploadPartRequest request, RequestBody body) {
    if (failing.contains(Operation.UPLOAD_PART) && uploadPartsBeforeFailure-- <= 0) {
      throw injected();
    }
    return delegate.uploadPart(request, body);
  }

  @Override
  public CompleteMultipartUploadResponse completeMultipartUpload(
      CompleteMultipartUploadRequest request) {
    if (failing.contains(Operation.COMPLETE)) {
      throw injected();
    }
    return delegate.completeMultipartUpload(request);
  }

  @Override
  public AbortMultipartUploadResponse abortMultipartUpload(AbortMultipartUploadRequest request) {
    if (failing.contains(Operation.ABORT)) {
      throw injected();
    }
    return delegate.abortMultipartUpload(request);
  }

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  @Override
  public void close() {
    delegate.close();
  }

  private static S3Exception injected() {
    return (S3Exception)
        S3Exception.builder()
            .statusCode(500)
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("InternalError")
                    .errorMessage("injected failure")
                    .build())
            .build();
  }
}
