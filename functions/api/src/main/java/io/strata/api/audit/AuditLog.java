package io.strata.api.audit;

import io.strata.api.error.Printable;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The audit log: one {@link AuditLine} per request. Its fields also go into the MDC, escaped, so
 * the JSON log format of the Lambda emits them as structured fields ({@code audit.*}).
 */
public final class AuditLog {

  /** The audit log's category; the local lake prints it to the console as bare JSON lines. */
  public static final String CATEGORY = "io.strata.audit";

  private static final Logger LOG = LoggerFactory.getLogger(CATEGORY);

  private AuditLog() {}

  /**
   * Records a request the HTTP layer refused before any route ran (too large, unreadable): no
   * caller was identified and no dataset touched.
   */
  public static void refused(String method, String path, int status, String code, long millis) {
    write(
        new AuditLine(
            "audit",
            Instant.now().toString(),
            null,
            null,
            method + " " + path,
            null,
            null,
            null,
            null,
            null,
            status,
            code,
            null,
            millis));
  }

  static void write(AuditLine line) {
    Map<String, String> fields = line.fields();
    fields.forEach((k, v) -> MDC.put("audit." + k, Printable.escaped(v, AuditLine.MAX_TEXT * 4)));
    try {
      LOG.info("{}", line.json());
    } finally {
      fields.keySet().forEach(k -> MDC.remove("audit." + k));
    }
  }
}
