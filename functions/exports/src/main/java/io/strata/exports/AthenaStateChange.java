package io.strata.exports;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The parts of an EventBridge event from Athena that the finisher reads; Athena may add fields, so
 * unknown ones are ignored (as its documentation asks of consumers).
 *
 * @param detailType {@code Athena Query State Change} for the events the finisher acts on
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AthenaStateChange(
    String source, @JsonProperty("detail-type") String detailType, Detail detail) {

  /** Athena's source and detail type of a query's state change. */
  static final String SOURCE = "aws.athena";

  static final String DETAIL_TYPE = "Athena Query State Change";

  /**
   * What changed.
   *
   * @param currentState the state the query moved to: QUEUED, RUNNING, SUCCEEDED, FAILED or
   *     CANCELLED
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Detail(
      String queryExecutionId,
      String workgroupName,
      String currentState,
      String previousState,
      String statementType) {}
}
