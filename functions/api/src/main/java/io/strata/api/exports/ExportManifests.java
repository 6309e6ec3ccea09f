package io.strata.api.exports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.strata.api.query.QueryLabel;
import io.strata.core.query.QueryStatus;
import io.strata.core.store.ObjectInfo;
import io.strata.core.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * Writes an export's manifest exactly once (conditional put), whichever request sees the export
 * finish first, and reads it back for every later one.
 */
final class ExportManifests {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private final ObjectStore store;
  private final String bucket;

  ExportManifests(ObjectStore store, String bucket) {
    this.store = store;
    this.bucket = bucket;
  }

  /** {@code exports/<dataset>/<exportId>/} */
  static String folder(QueryLabel label) {
    return "exports/" + label.dataset() + "/" + label.exportId() + "/";
  }

  ExportManifest ensure(QueryStatus status, QueryLabel label) {
    String key = folder(label) + "manifest.json";
    if (store.head(bucket, key).isPresent()) {
      return read(key);
    }
    String data = folder(label) + "data/";
    List<String> files =
        store.list(bucket, data).stream()
            .map(ObjectInfo::key)
            .filter(k -> !k.endsWith("/"))
            .sorted()
            .map(k -> "s3://" + bucket + "/" + k)
            .toList();
    ExportManifest manifest =
        new ExportManifest(
            label.exportId(),
            label.dataset(),
            label.view(),
            Instant.parse(label.asOf()),
            label.contractVersion(),
            status.queryId(),
            status.outputRows(),
            "s3://" + bucket + "/" + data,
            files,
            label.columns(),
            label.role(),
            label.owner(),
            status.completedAt() == null ? Instant.now() : status.completedAt());
    byte[] content;
    try {
      content = JSON.writeValueAsBytes(manifest);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write export manifest " + key, e);
    }
    if (!store.putIfAbsent(bucket, key, content, "application/json")) {
      return read(key);
    }
    return manifest;
  }

  private ExportManifest read(String key) {
    try (InputStream in = store.open(bucket, key)) {
      return JSON.readValue(in, ExportManifest.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read export manifest s3://" + bucket + "/" + key, e);
    }
  }
}
