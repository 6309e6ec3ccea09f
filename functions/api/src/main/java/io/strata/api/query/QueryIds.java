package io.strata.api.query;

import io.strata.api.error.ApiException;
import java.util.regex.Pattern;

/** Checks of the ids and tokens callers send back, before they reach the engine. */
final class QueryIds {

  private static final Pattern QUERY_ID = Pattern.compile("[A-Za-z0-9-]{1,128}");
  private static final Pattern PAGE_TOKEN = Pattern.compile("[A-Za-z0-9+/=_.~-]{1,4096}");

  private QueryIds() {}

  static void checkQueryId(String queryId) {
    if (queryId == null || !QUERY_ID.matcher(queryId).matches()) {
      throw ApiException.notFound("query_not_found", "No query with that id exists");
    }
  }

  static void checkPageToken(String token) {
    if (token != null && !PAGE_TOKEN.matcher(token).matches()) {
      throw ApiException.badRequest(
          "bad_value", "nextToken is not a token this API handed out; pass it back unchanged");
    }
  }
}
