package io.strata.exports;

/**
 * What the finisher did with one event, returned to Lambda and logged.
 *
 * @param queryId the event's query, or null when it named none
 * @param action what happened
 * @param detail the manifest's location once written, else why nothing was written
 */
public record ExportOutcome(String queryId, Action action, String detail) {

  /** What the finisher did. */
  public enum Action {
    /** The export succeeded and its manifest is there (written now or before). */
    FINISHED,
    /** The export failed or was cancelled: no manifest, the poll reports the failure. */
    FAILED,
    /** Not an event, query or state the finisher acts on. */
    IGNORED,
    /** The statement's label names a folder outside the exports; nothing was written. */
    REFUSED
  }
}
