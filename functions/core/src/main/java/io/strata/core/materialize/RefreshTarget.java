package io.strata.core.materialize;

import io.strata.core.query.SqlStatement;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.apache.iceberg.Snapshot;

/**
 * What a materialized table must reflect to be current: the latest history snapshot of each dataset
 * the report reads, and the statement the report compiles to for the role at those snapshots (its
 * digest changes with the report's SQL and with the role's column and row rules, so a table
 * computed under rules since changed is never current). Both are kept in the summary of the
 * materialized table's snapshot.
 *
 * @param sources history snapshot id by dataset; null for a dataset with nothing committed
 */
record RefreshTarget(Map<String, Long> sources, SqlStatement statement, String digest) {

  /** Snapshot summary key: {@code dataset=snapshot-id} per dataset read, {@code none} if empty. */
  static final String SOURCES = "strata.source-snapshots";

  /** Snapshot summary key: SHA-256 of the compiled statement the rows came from. */
  static final String STATEMENT = "strata.statement-sha256";

  /** Snapshot summary key: the engine's id of the query the rows came from. */
  static final String QUERY_ID = "strata.query-id";

  static RefreshTarget of(Map<String, Long> sources, SqlStatement statement) {
    return new RefreshTarget(
        java.util.Collections.unmodifiableMap(new TreeMap<>(sources)),
        statement,
        digest(statement));
  }

  /** Whether a materialized snapshot's summary names exactly these sources and statement. */
  boolean reflectedBy(Snapshot snapshot) {
    return snapshot != null
        && sourcesText().equals(snapshot.summary().get(SOURCES))
        && digest.equals(snapshot.summary().get(STATEMENT));
  }

  /** The summary properties of a refresh that commits this target. */
  Map<String, String> summary(String queryId) {
    Map<String, String> summary = new LinkedHashMap<>();
    summary.put(SOURCES, sourcesText());
    summary.put(STATEMENT, digest);
    summary.put(QUERY_ID, queryId);
    return summary;
  }

  String sourcesText() {
    StringJoiner text = new StringJoiner(",");
    sources.forEach((dataset, id) -> text.add(dataset + "=" + (id == null ? "none" : id)));
    return text.toString();
  }

  private static String digest(SqlStatement statement) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(statement.sql().getBytes(StandardCharsets.UTF_8));
      for (Object parameter : statement.parameters()) {
        sha.update((byte) 0);
        sha.update(
            (parameter.getClass().getSimpleName() + ":" + parameter)
                .getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }
}
