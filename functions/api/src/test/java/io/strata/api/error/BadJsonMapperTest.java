package io.strata.api.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class BadJsonMapperTest {

  record Request(List<String> columns) {}

  private static final ObjectMapper STRICT =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  @Test
  void anUnknownFieldIsNamedCutAndWithoutControlCharacters() {
    String field = "x\u202e\n" + "y".repeat(5_000);

    String message = describe("{\"" + field.replace("\n", "\\n") + "\": 1}");

    assertThat(message)
        .startsWith("Cannot read the request body: unknown field 'x??yyy")
        .contains("known fields: columns")
        .doesNotContain("\n", "\u202e")
        .hasSizeLessThan(400);
  }

  @Test
  void aWrongTypeNamesTheFieldAndStaysShort() {
    String message = describe("{\"columns\": {\"a\": \"" + "z".repeat(10_000) + "\"}}");

    assertThat(message)
        .startsWith("Cannot read the request body: field 'columns' has the wrong type or shape")
        .hasSizeLessThan(500);
  }

  private static String describe(String body) {
    JsonProcessingException e =
        catchThrowableOfType(
            JsonProcessingException.class, () -> STRICT.readValue(body, Request.class));
    return BadJsonMapper.describe(e);
  }
}
