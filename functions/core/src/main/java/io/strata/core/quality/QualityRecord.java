package io.strata.core.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * The quality verdicts of a batch as its snapshot summary stores them (compact JSON under {@link
 * #SUMMARY_KEY}), beside its {@link BatchProfile}.
 */
public final class QualityRecord {

  /** The snapshot summary property holding the verdicts. */
  public static final String SUMMARY_KEY = "strata.quality-verdicts";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private QualityRecord() {}

  /** The verdicts as compact JSON. */
  public static String toJson(List<QualityVerdict> verdicts) {
    try {
      return MAPPER.writeValueAsString(verdicts);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise quality verdicts: " + e.getMessage(), e);
    }
  }

  /** The verdicts a snapshot summary holds; none when it holds none or none that read. */
  public static List<QualityVerdict> verdicts(Map<String, String> summary) {
    String json = summary.get(SUMMARY_KEY);
    if (json == null) {
      return List.of();
    }
    try {
      return List.copyOf(MAPPER.readValue(json, new TypeReference<List<QualityVerdict>>() {}));
    } catch (JsonProcessingException e) {
      return List.of();
    }
  }
}
