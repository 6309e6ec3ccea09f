package io.strata.aws.s3;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;

/**
 * Server-side copy by byte ranges (UploadPartCopy), for objects larger than CopyObject's 5 GiB
 * limit. Content type and user metadata are taken from the source; a failure aborts the upload.
 */
final class S3MultipartCopy {

  private S3MultipartCopy() {}

  /**
   * Copies the object; any failure aborts the upload and is rethrown for the caller to translate.
   */
  static void copy(
      S3Client s3,
      String sourceBucket,
      String sourceKey,
      HeadObjectResponse source,
      String targetBucket,
      String targetKey,
      long partSize) {
    String uploadId =
        s3.createMultipartUpload(
                b ->
                    b.bucket(targetBucket)
                        .key(targetKey)
                        .contentType(source.contentType())
                        .metadata(source.metadata()))
            .uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      long size = source.contentLength();
      for (long start = 0; start < size; start += partSize) {
        long end = Math.min(size, start + partSize) - 1;
        int partNumber = parts.size() + 1;
        String range = "bytes=" + start + "-" + end;
        UploadPartCopyResponse response =
            s3.uploadPartCopy(
                b ->
                    b.sourceBucket(sourceBucket)
                        .sourceKey(sourceKey)
                        .copySourceIfMatch(source.eTag())
                        .copySourceRange(range)
                        .destinationBucket(targetBucket)
                        .destinationKey(targetKey)
                        .uploadId(uploadId)
                        .partNumber(partNumber));
        parts.add(
            CompletedPart.builder()
                .partNumber(partNumber)
                .eTag(response.copyPartResult().eTag())
                .build());
      }
      s3.completeMultipartUpload(
          b ->
              b.bucket(targetBucket)
                  .key(targetKey)
                  .uploadId(uploadId)
                  .multipartUpload(m -> m.parts(parts)));
    } catch (SdkException | UncheckedIOException e) {
      try {
        s3.abortMultipartUpload(b -> b.bucket(targetBucket).key(targetKey).uploadId(uploadId));
      } catch (SdkException | UncheckedIOException abortFailure) {
        e.addSuppressed(abortFailure);
      }
      throw e;
    }
  }
}
