package io.strata.aws.s3;

import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import io.strata.core.ingest.LakeLayout;
import io.strata.core.ingest.RawObjectRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an S3 event notification (as Lambda delivers it) into the raw objects to ingest: only
 * object creations, with keys decoded the way S3 encodes them in notifications ({@code +} for a
 * space, {@code %XX} for UTF-8 bytes). Folder markers and objects under a segment starting with
 * {@code _} (Spark's {@code _temporary}, {@code _SUCCESS} flags) are passed over with a reason.
 */
public final class S3EventIntake {

  private static final Set<String> OBJECT_CREATED =
      Set.of(
          "ObjectCreated:Put",
          "ObjectCreated:Post",
          "ObjectCreated:Copy",
          "ObjectCreated:CompleteMultipartUpload");

  /**
   * Reads every record of the event; an event without records (such as S3's {@code s3:TestEvent})
   * yields nothing.
   */
  public S3Intake read(S3EventNotification event) {
    List<RawObjectRef> objects = new ArrayList<>();
    List<SkippedRecord> skipped = new ArrayList<>();
    List<S3EventNotificationRecord> records = event == null ? null : event.getRecords();
    if (records != null) {
      for (S3EventNotificationRecord record : records) {
        read(record, objects, skipped);
      }
    }
    return new S3Intake(objects, skipped);
  }

  private static void read(
      S3EventNotificationRecord record, List<RawObjectRef> objects, List<SkippedRecord> skipped) {
    String eventName = record.getEventName();
    String bucket = bucket(record);
    S3ObjectEntity object = record.getS3() == null ? null : record.getS3().getObject();
    String rawKey = object == null ? null : object.getKey();
    if (!OBJECT_CREATED.contains(eventName)) {
      skipped.add(
          new SkippedRecord(
              eventName, bucket, decodeOrRaw(object), "not an object creation event"));
      return;
    }
    if (isBlank(bucket) || isBlank(rawKey)) {
      skipped.add(new SkippedRecord(eventName, bucket, rawKey, "record names no bucket or key"));
      return;
    }
    Optional<String> decoded = decode(object);
    if (decoded.isEmpty()) {
      skipped.add(new SkippedRecord(eventName, bucket, rawKey, "key is not valid URL encoding"));
      return;
    }
    String key = decoded.get();
    Optional<String> exclusion = LakeLayout.whyIgnored(key);
    if (exclusion.isPresent()) {
      skipped.add(new SkippedRecord(eventName, bucket, key, exclusion.get()));
      return;
    }
    if (record.getEventTime() == null) {
      skipped.add(new SkippedRecord(eventName, bucket, key, "record has no event time"));
      return;
    }
    Long size = object.getSizeAsLong();
    objects.add(
        new RawObjectRef(
            bucket,
            key,
            blankToNull(object.getVersionId()),
            ETags.unquote(object.geteTag()),
            size == null || size < 0 ? RawObjectRef.UNKNOWN_SIZE : size,
            Instant.ofEpochMilli(record.getEventTime().getMillis())));
  }

  private static String bucket(S3EventNotificationRecord record) {
    if (record.getS3() == null || record.getS3().getBucket() == null) {
      return null;
    }
    return record.getS3().getBucket().getName();
  }

  private static Optional<String> decode(S3ObjectEntity object) {
    try {
      return Optional.of(object.getUrlDecodedKey());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String decodeOrRaw(S3ObjectEntity object) {
    if (object == null || object.getKey() == null) {
      return null;
    }
    return decode(object).orElse(object.getKey());
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static String blankToNull(String value) {
    return isBlank(value) ? null : value;
  }
}
