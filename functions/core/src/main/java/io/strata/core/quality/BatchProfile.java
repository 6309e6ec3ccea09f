package io.strata.core.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The profile of one batch's accepted rows: how many there were and, per column in contract order,
 * its {@link ColumnStats}. Stored as compact JSON in the batch's snapshot summary under {@link
 * #SUMMARY_KEY}, so it commits with the batch, exactly once, and the last batches' profiles come
 * from the table's metadata without reading any data file. Built by a {@link BatchProfiler}.
 */
public record BatchProfile(long rows, Map<String, ColumnStats> columns) {

  /** The snapshot summary property holding the profile. */
  public static final String SUMMARY_KEY = "strata.profile";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public BatchProfile {
    columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
  }

  /** The column's statistics, if the profile holds the column. */
  public Optional<ColumnStats> column(String name) {
    return Optional.ofNullable(columns.get(name));
  }

  /** The profile as the compact JSON a snapshot summary stores. */
  public String toJson() {
    try {
      return MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise a batch profile: " + e.getMessage(), e);
    }
  }

  /**
   * The profile a snapshot summary holds, or empty when it holds none (a batch committed before
   * profiles existed, or a snapshot Strata did not write) or one that does not read (a writer of a
   * newer shape): a profile is informative, never a reason to fail a read.
   */
  public static Optional<BatchProfile> fromSummary(Map<String, String> summary) {
    String json = summary.get(SUMMARY_KEY);
    if (json == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(MAPPER.readValue(json, BatchProfile.class));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
