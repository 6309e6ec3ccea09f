package io.strata.maintenance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The parts of EventBridge's {@code Scheduled Event} that the function logs; the event carries no
 * instruction (every pass maintains the whole lake), so unknown fields are ignored.
 *
 * @param time when the schedule fired, as EventBridge writes it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScheduledEvent(
    String id, String source, @JsonProperty("detail-type") String detailType, String time) {}
