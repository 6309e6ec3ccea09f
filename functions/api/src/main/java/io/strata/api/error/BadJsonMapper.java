package io.strata.api.error;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.strata.api.audit.AuditRecord;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.stream.Collectors;

/**
 * A request body that is not the JSON an endpoint takes: malformed JSON, an unknown field, a value
 * of the wrong JSON type. Answers 400 {@code bad_json} naming the field and position, never echoing
 * the body.
 */
@Provider
public class BadJsonMapper implements ExceptionMapper<JsonProcessingException> {

  @Inject AuditRecord audit;

  @Override
  public Response toResponse(JsonProcessingException e) {
    audit.failed("bad_json");
    return ErrorResponses.of(400, "bad_json", describe(e));
  }

  static String describe(JsonProcessingException e) {
    StringBuilder message = new StringBuilder("Cannot read the request body: ");
    if (e instanceof UnrecognizedPropertyException unknown) {
      message
          .append("unknown field '")
          .append(Printable.of(String.valueOf(unknown.getPropertyName()), 100))
          .append("'")
          .append(at(unknown))
          .append("; known fields: ")
          .append(
              unknown.getKnownPropertyIds().stream()
                  .map(String::valueOf)
                  .sorted()
                  .collect(Collectors.joining(", ")));
      return message.toString();
    }
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      message
          .append("field '")
          .append(path(mapping))
          .append("' has the wrong type or shape (")
          .append(Printable.of(firstLine(e.getOriginalMessage()), 200))
          .append(")");
    } else {
      message
          .append("malformed JSON (")
          .append(Printable.of(firstLine(e.getOriginalMessage()), 200))
          .append(")");
    }
    JsonLocation location = e.getLocation();
    if (location != null && location.getLineNr() > 0) {
      message
          .append(" at line ")
          .append(location.getLineNr())
          .append(", column ")
          .append(location.getColumnNr());
    }
    return message.toString();
  }

  private static String at(JsonMappingException e) {
    String path = path(e);
    return path.contains(".") || path.contains("[") ? " at " + path : "";
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return Printable.of(path.toString(), 100);
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "unreadable";
    }
    String line = text.lines().findFirst().orElse(text);
    line = line.replaceAll("\\(for Object starting at.*", "").trim();
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
