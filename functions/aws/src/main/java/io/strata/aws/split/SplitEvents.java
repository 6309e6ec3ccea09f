package io.strata.aws.split;

import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.core.ingest.LakeJson;
import io.strata.core.ingest.RawObjectRef;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The payloads the large-file state machine hands the ingest function: S3 events naming the object
 * exactly as its {@code ObjectCreated} event did, whose {@code eventSource} names the step ({@code
 * strata:split:plan}, {@code strata:split:range:<i>}, {@code strata:split:keys}, {@code
 * strata:split:commit}), as {@code strata:redrive} names a redrive. The function reads them with
 * the S3 intake it reads every event with, so the object is pinned by the same version and ETag.
 */
public final class SplitEvents {

  /** The {@code eventSource} prefix of a step of the large-file state machine. */
  public static final String SOURCE = "strata:split:";

  private SplitEvents() {}

  /** The step a record asks for ({@code plan}, {@code range:3}, ...), if it is a split step. */
  public static Optional<String> step(S3EventNotificationRecord record) {
    String source = record.getEventSource();
    return source != null && source.startsWith(SOURCE)
        ? Optional.of(source.substring(SOURCE.length()))
        : Optional.empty();
  }

  /** {@code {"Records": [record]}} for the step. */
  public static ObjectNode event(RawObjectRef raw, String step) {
    ObjectNode event = LakeJson.mapper().createObjectNode();
    ArrayNode records = event.putArray("Records");
    ObjectNode record = records.addObject();
    record.put("eventVersion", "2.1");
    record.put("eventSource", SOURCE + step);
    record.put("eventName", "ObjectCreated:Put");
    record.put("eventTime", raw.arrivedAt().toString());
    ObjectNode s3 = record.putObject("s3");
    s3.put("s3SchemaVersion", "1.0");
    s3.putObject("bucket").put("name", raw.bucket());
    ObjectNode object = s3.putObject("object");
    // S3 notifications carry keys form-encoded; the intake decodes them back.
    object.put("key", URLEncoder.encode(raw.key(), StandardCharsets.UTF_8));
    if (raw.size() >= 0) {
      object.put("size", raw.size());
    }
    if (raw.eTag() != null) {
      object.put("eTag", raw.eTag());
    }
    if (raw.versionId() != null) {
      object.put("versionId", raw.versionId());
    }
    return event;
  }
}
