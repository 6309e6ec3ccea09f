package io.strata.core.parse;

import java.util.regex.Pattern;

/**
 * Decides whether a member name from a raw file may appear in a report. JSON objects are often
 * keyed by data (an account number, an e-mail address, a customer's name), so a member name that is
 * not a contract column is shown only when it looks like a field name: letters, digits and
 * underscores, starting with a letter or underscore, at most 64 characters and at most 4 digits.
 */
final class MemberNames {

  private static final Pattern NAME_LIKE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
  private static final int MAX_DIGITS = 4;

  private MemberNames() {}

  /** {@code 'name'} for a name that looks like one; a placeholder without it otherwise. */
  static String quoted(String name) {
    return looksLikeAName(name) ? "'" + name + "'" : "(its name looks like data and is not shown)";
  }

  static boolean looksLikeAName(String name) {
    if (!NAME_LIKE.matcher(name).matches()) {
      return false;
    }
    long digits = name.chars().filter(c -> c >= '0' && c <= '9').count();
    return digits <= MAX_DIGITS;
  }
}
