package io.strata.local;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.S3Exceptions;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The local S3 server's view of the data directory, in front of s3proxy's filesystem store: only
 * folders with valid bucket names are buckets (the lake's own {@code .strata} state is none), and
 * every object has its content's ETag, also a file copied straight into a bucket folder (see {@link
 * ContentETags}). Requests naming a version are passed through untouched.
 */
final class LocalBlobStore extends ForwardingBlobStore {

  /** S3's rules for bucket names: 3 to 63 lower-case letters, digits, dots and hyphens. */
  private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  private final Path dataDir;
  private final ContentETags eTags;

  LocalBlobStore(BlobStore delegate, Path dataDir, ContentETags eTags) {
    super(delegate);
    this.dataDir = dataDir;
    this.eTags = eTags;
  }

  /** Whether a folder of the data directory is a bucket. */
  static boolean isBucketName(String name) {
    return name != null && BUCKET_NAME.matcher(name).matches() && !name.contains("..");
  }

  @Override
  public ListBucketsResponse list() {
    ListBucketsResponse all = super.list();
    return all.toBuilder()
        .buckets(all.buckets().stream().filter(b -> isBucketName(b.name())).toList())
        .build();
  }

  @Override
  public ListObjectsV2Response list(ListObjectsV2Request request) {
    ListObjectsV2Response listed = super.list(request);
    if (!listed.hasContents()) {
      return listed;
    }
    return listed.toBuilder()
        .contents(listed.contents().stream().map(o -> withETag(request.bucket(), o)).toList())
        .build();
  }

  @Override
  public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
    if (request.versionId() != null) {
      return super.blobMetadata(request);
    }
    Optional<String> eTag = eTagOf(request.bucket(), request.key());
    HeadObjectResponse head = super.blobMetadata(request);
    return eTag.map(e -> head.toBuilder().eTag(quoted(e)).build()).orElse(head);
  }

  @Override
  public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
    if (request.versionId() != null) {
      return super.getBlob(request);
    }
    Optional<String> eTag = eTagOf(request.bucket(), request.key());
    if (request.ifMatch() != null
        && eTag.isPresent()
        && !unquoted(request.ifMatch()).equals(eTag.get())) {
      throw S3Exceptions.preconditionFailed(null);
    }
    ResponseInputStream<GetObjectResponse> object = super.getBlob(request);
    if (eTag.isEmpty()) {
      return object;
    }
    GetObjectResponse response = object.response().toBuilder().eTag(quoted(eTag.get())).build();
    return new ResponseInputStream<>(response, (InputStream) object);
  }

  @Override
  public CopyObjectResponse copyBlob(CopyObjectRequest request) {
    if (request.sourceVersionId() == null) {
      Optional<String> eTag = eTagOf(request.sourceBucket(), request.sourceKey());
      if (request.copySourceIfMatch() != null
          && eTag.isPresent()
          && !unquoted(request.copySourceIfMatch()).equals(eTag.get())) {
        throw S3Exceptions.preconditionFailed(null);
      }
    }
    CopyObjectResponse copied = super.copyBlob(request);
    written(request.destinationBucket(), request.destinationKey());
    return copied;
  }

  @Override
  public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
    PutObjectResponse put = super.putBlob(request, content);
    written(request.bucket(), request.key());
    return put;
  }

  @Override
  public CompleteMultipartUploadResponse completeMultipartUpload(
      MultipartUpload upload, CompleteMultipartUploadRequest request) {
    CompleteMultipartUploadResponse completed = super.completeMultipartUpload(upload, request);
    written(upload.containerName(), upload.blobName());
    return completed;
  }

  private S3Object withETag(String bucket, S3Object object) {
    if (object.key().endsWith("/")) {
      return object;
    }
    Optional<Path> file = fileOf(bucket, object.key());
    if (file.isEmpty()) {
      return object;
    }
    String eTag = eTags.listed(file.get()).map(LocalBlobStore::quoted).orElse(null);
    return object.toBuilder().eTag(eTag).build();
  }

  private Optional<String> eTagOf(String bucket, String key) {
    return fileOf(bucket, key).flatMap(eTags::of);
  }

  private void written(String bucket, String key) {
    fileOf(bucket, key).ifPresent(eTags::written);
  }

  /** The file of an object; empty for keys that are folders or would leave the bucket's folder. */
  private Optional<Path> fileOf(String bucket, String key) {
    if (!isBucketName(bucket) || key == null || key.isEmpty() || key.endsWith("/")) {
      return Optional.empty();
    }
    Path bucketDir = dataDir.resolve(bucket);
    Path file = bucketDir.resolve(key).normalize();
    return file.startsWith(bucketDir) && !file.equals(bucketDir)
        ? Optional.of(file)
        : Optional.empty();
  }

  private static String quoted(String eTag) {
    return "\"" + eTag + "\"";
  }

  private static String unquoted(String eTag) {
    return eTag.replace("\"", "");
  }
}
