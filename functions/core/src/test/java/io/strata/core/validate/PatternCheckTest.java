package io.strata.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PatternCheckTest {

  private static final List<String> VALUES =
      List.of(
          "",
          "TX0123456789",
          "TX012345678",
          "TX01234567890",
          "tx0123456789",
          "TX012345678a",
          "TX0123456789\n",
          "TX01234567８9",
          "AB-12",
          "AB12",
          "ab12",
          "Z9",
          "\uD83D\uDE00");

  @Test
  void checksFixedLengthPatternsWithoutARegexExactlyAsTheRegexWould() {
    for (String regex :
        List.of(
            "^TX[0-9]{10}$",
            "TX\\d{10}",
            "^[A-Z]{2}-[0-9]{2}$",
            "[a-z]{2}12",
            "^Z9$",
            "^[A-Z]{2}$")) {
      PatternCheck check = new PatternCheck(Pattern.compile(regex));

      assertThat(check.isFixed()).as(regex).isTrue();
      for (String value : VALUES) {
        assertThat(check.matches(value))
            .as(regex + " on " + value)
            .isEqualTo(Pattern.compile(regex).matcher(value).matches());
      }
    }
  }

  @Test
  void leavesEveryOtherPatternToTheRegex() {
    for (String regex :
        List.of("^TX[0-9]+$", "^[0-9]{2,3}$", "a|b", "^$", "^TX.{10}$", "^A\\$", "[0-9A-F]{4}")) {
      PatternCheck check = new PatternCheck(Pattern.compile(regex));

      assertThat(check.isFixed()).as(regex).isFalse();
      assertThat(check.pattern()).isEqualTo(regex);
      for (String value : VALUES) {
        assertThat(check.matches(value))
            .as(regex + " on " + value)
            .isEqualTo(Pattern.compile(regex).matcher(value).matches());
      }
    }
    assertThat(new PatternCheck(Pattern.compile("^AB$", Pattern.CASE_INSENSITIVE)).matches("ab"))
        .isTrue();
  }
}
