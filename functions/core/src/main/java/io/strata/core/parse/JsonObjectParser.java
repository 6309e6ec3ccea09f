package io.strata.core.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.strata.core.contract.ColumnSpec;
import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.ExtraColumnPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one JSON object as a record of a contract: members map to columns by name, numbers and
 * booleans keep their text, a text that is not one JSON object becomes a record with a problem.
 * Shared by JSON Lines files (one object per line) and stream records (one object per record), so
 * both follow the same rules. Not thread-safe: it remembers the unknown member names it saw.
 */
public final class JsonObjectParser {

  /** At most this many distinct unknown member names are remembered for the report. */
  static final int MAX_EXTRA_NAMES = 100;

  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final Map<String, Integer> columns = new HashMap<>();
  private final int columnCount;
  private final boolean rejectExtra;
  private final Set<String> extraColumns = new LinkedHashSet<>();

  public JsonObjectParser(DatasetContract contract) {
    List<ColumnSpec> specs = contract.columns();
    for (int i = 0; i < specs.size(); i++) {
      columns.put(specs.get(i).name(), i);
    }
    this.columnCount = specs.size();
    this.rejectExtra = contract.extraColumns() == ExtraColumnPolicy.REJECT;
  }

  /**
   * The record held by {@code buf[start, start + length)}.
   *
   * @param line what the record's violations name as its line
   */
  public RawRecord parse(long line, char[] buf, int start, int length) {
    String[] values = new String[columnCount];
    String problem = null;
    String problemColumn = null;
    try (JsonParser parser = JSON.createParser(buf, start, length)) {
      JsonToken token = parser.nextToken();
      if (token != JsonToken.START_OBJECT) {
        return malformed(line, values, "expected an object, found " + describe(token));
      }
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        Integer column = columns.get(name);
        if (column == null) {
          if (extraColumns.size() < MAX_EXTRA_NAMES) {
            extraColumns.add(name);
          }
          if (rejectExtra && problem == null) {
            problem = "unexpected member " + MemberNames.quoted(name);
          }
          parser.skipChildren();
        } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
          if (problem == null) {
            problem = name + ": expected a single value, found " + describe(value);
            problemColumn = name;
          }
          parser.skipChildren();
        } else if (value != JsonToken.VALUE_NULL) {
          values[column] = parser.getText();
        }
      }
      if (parser.nextToken() != null) {
        return malformed(line, values, "more than one value on the line");
      }
    } catch (JsonEOFException e) {
      return malformed(line, values, "unexpected end of line");
    } catch (JsonProcessingException e) {
      return malformed(line, values, describe(e));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new RawRecord(line, values, problem, problemColumn);
  }

  private static RawRecord malformed(long line, String[] values, String reason) {
    return new RawRecord(line, values, "malformed JSON: " + reason, null);
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.name().toLowerCase(Locale.ROOT);
    };
  }

  /**
   * What went wrong and where, never what was there: Jackson's own messages quote a fragment of the
   * line, which may be personal data, and reports must not carry row content. Only a duplicate
   * member that is a contract column is named, since column names come from the contract.
   */
  private String describe(JsonProcessingException e) {
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    String problem;
    if (message.startsWith("Duplicate field '")) {
      String name = message.substring("Duplicate field '".length(), message.length() - 1);
      problem = columns.containsKey(name) ? "duplicate member '" + name + "'" : "duplicate member";
    } else if (message.startsWith("Unexpected character")) {
      problem = "unexpected character";
    } else if (message.startsWith("Unrecognized token") || message.startsWith("Non-standard")) {
      problem = "unrecognized token";
    } else if (message.startsWith("Illegal unquoted character")) {
      problem = "control character in a string";
    } else if (message.startsWith("Unrecognized character escape")) {
      problem = "invalid escape sequence";
    } else if (message.toLowerCase(Locale.ROOT).contains("numeric value")
        || message.startsWith("Invalid numeric")
        || message.contains("Leading zero")) {
      problem = "invalid number";
    } else {
      problem = "invalid syntax";
    }
    JsonLocation location = e.getLocation();
    return location == null || location.getColumnNr() < 1
        ? problem
        : problem + " at column " + location.getColumnNr();
  }

  /** Members seen that the contract does not declare (at most {@link #MAX_EXTRA_NAMES}). */
  public List<String> extraColumns() {
    return List.copyOf(extraColumns);
  }
}
