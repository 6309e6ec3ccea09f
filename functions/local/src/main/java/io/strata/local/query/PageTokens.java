package io.strata.local.query;

import io.strata.core.query.QueryEngineException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque page tokens: the query id and the offset of the next row, so a token only ever opens the
 * query it came from.
 */
final class PageTokens {

  private static final String VERSION = "p1";

  private PageTokens() {}

  static String encode(String queryId, int offset) {
    String plain = VERSION + ":" + queryId + ":" + offset;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The offset a token of this query points to.
   *
   * @throws QueryEngineException INVALID_TOKEN when the token is not one this engine issued for the
   *     query or points past its rows
   */
  static int decode(String queryId, String token, int rowCount) {
    String[] parts = plain(token).split(":", -1);
    if (parts.length != 3 || !VERSION.equals(parts[0])) {
      throw invalid(queryId, "it is not a page token of this engine");
    }
    if (!parts[1].equals(queryId)) {
      throw invalid(queryId, "it belongs to another query");
    }
    int offset;
    try {
      offset = Integer.parseInt(parts[2]);
    } catch (NumberFormatException e) {
      throw invalid(queryId, "it is not a page token of this engine");
    }
    if (offset < 1 || offset >= rowCount) {
      throw invalid(queryId, "it points past the query's " + rowCount + " rows");
    }
    return offset;
  }

  private static String plain(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static QueryEngineException invalid(String queryId, String reason) {
    return new QueryEngineException(
        QueryEngineException.Reason.INVALID_TOKEN,
        "Cannot read results of query " + queryId + " with that page token: " + reason);
  }
}
