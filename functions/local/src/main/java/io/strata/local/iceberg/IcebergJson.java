package io.strata.local.iceberg;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.UncheckedIOException;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.rest.RESTSerializers;

/**
 * Reads and writes the REST catalog protocol's messages with Iceberg's own serializers, configured
 * as Iceberg's REST client configures its mapper (kebab-case names, unknown fields ignored as the
 * protocol asks), so what the endpoint sends is what Iceberg's clients parse.
 */
final class IcebergJson {

  private static final ObjectMapper MAPPER = mapper();

  private IcebergJson() {}

  static String write(Object message) {
    try {
      return MAPPER.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("Cannot write the REST catalog's answer", e);
    }
  }

  /** The request body as {@code type}; a body that is no such message is a bad request (400). */
  static <T> T read(String body, Class<T> type) {
    if (body == null || body.isBlank()) {
      throw new BadRequestException("Cannot read the request: its body is empty");
    }
    try {
      return MAPPER.readValue(body, type);
    } catch (JsonProcessingException e) {
      throw new BadRequestException(
          "Cannot read the request as %s: %s", type.getSimpleName(), e.getOriginalMessage());
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // Iceberg's parsers check fields with preconditions, and refuse unknown actions, on their
      // own.
      throw new BadRequestException(
          "Cannot read the request as %s: %s", type.getSimpleName(), e.getMessage());
    }
  }

  private static ObjectMapper mapper() {
    ObjectMapper mapper = new ObjectMapper();
    mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
    mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    mapper.setPropertyNamingStrategy(new PropertyNamingStrategies.KebabCaseStrategy());
    RESTSerializers.registerAll(mapper);
    return mapper;
  }
}
