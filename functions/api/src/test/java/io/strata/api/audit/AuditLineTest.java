package io.strata.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.api.error.Printable;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditLineTest {

  @Test
  void theLineIsPrintableAsciiAndReadsBackToWhatTheCallerSent() throws Exception {
    String route = "GET /datasets/a\u007fb\n{\"type\":\"audit\"}\u202e\\u000a";
    AuditLine line =
        new AuditLine(
            "audit",
            "2026-12-04T00:00:00Z",
            null,
            null,
            route,
            null,
            null,
            List.of("amount"),
            null,
            null,
            404,
            "not_found",
            null,
            3);

    String json = line.json();

    assertThat(json.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
    assertThat(json).contains("\\u007F").doesNotContain("\n");
    assertThat(new ObjectMapper().readTree(json).get("route").asText()).isEqualTo(route);
  }

  @Test
  void anEscapeTheCallerTypedIsToldApartFromAnEscapedCharacterInTheLogFields() {
    String typed = Printable.escaped("a\\u000ab", 100);
    String real = Printable.escaped("a\nb", 100);

    assertThat(typed).isEqualTo("a\\\\u000ab");
    assertThat(real).isEqualTo("a\\u000ab");
    assertThat(typed).isNotEqualTo(real);
  }
}
