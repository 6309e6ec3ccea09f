package io.strata.core.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.strata.core.contract.DatasetNames;
import io.strata.core.query.QueryLabel;
import io.strata.core.query.QueryStatus;
import io.strata.core.store.ObjectInfo;
import io.strata.core.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes an export's manifest exactly once (conditional put), whichever path sees the export finish
 * first (a poll of the query API, Athena's state-change event, the local engine's completion), and
 * reads it back for every later one. Every path builds it from the engine's final status and the
 * label the API wrote into the statement, so they all write the same bytes.
 */
public final class ExportManifests {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private final ObjectStore store;
  private final String bucket;

  private static final Pattern EXPORT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

  /**
   * @param bucket the analytics bucket the exports are unloaded to
   */
  public ExportManifests(ObjectStore store, String bucket) {
    this.store = store;
    this.bucket = bucket;
  }

  /**
   * {@code exports/<dataset>/<exportId>/}; a label whose names could leave that folder is refused,
   * since the event path reads labels back from whatever ran in the workgroup.
   */
  public static String folder(QueryLabel label) {
    if (!DatasetNames.isDatasetName(label.dataset())) {
      throw new IllegalArgumentException(
          "Cannot name the export folder: " + quoted(label.dataset()) + " is not a dataset name");
    }
    if (label.exportId() == null || !EXPORT_ID.matcher(label.exportId()).matches()) {
      throw new IllegalArgumentException(
          "Cannot name the export folder: " + quoted(label.exportId()) + " is not an export id");
    }
    return "exports/" + label.dataset() + "/" + label.exportId() + "/";
  }

  /** The export's manifest: the one already written, else a new one written now. */
  public ExportManifest ensure(QueryStatus status, QueryLabel label) {
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

  private static String quoted(String value) {
    return value == null ? "none" : "'" + value.replaceAll("[^A-Za-z0-9_-]", "?") + "'";
  }

  private ExportManifest read(String key) {
    try (InputStream in = store.open(bucket, key)) {
      return JSON.readValue(in, ExportManifest.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read export manifest s3://" + bucket + "/" + key, e);
    }
  }
}
