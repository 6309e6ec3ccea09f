package io.strata.core.contract;

/**
 * Which characters Hive escapes in partition paths (as its {@code FileUtils.escapePathName} does),
 * and so which partition values Athena partition projection can find unescaped.
 */
public final class PartitionPathRules {

  private static final String ESCAPED = "\"#%'*/:=?\\{[]^";

  private PartitionPathRules() {}

  /** Whether Hive writes the character as {@code %XX} in a partition path. */
  public static boolean needsEscaping(char c) {
    return c < 0x20 || c == 0x7F || ESCAPED.indexOf(c) >= 0;
  }

  /** True when the value appears in paths unchanged and holds no projection separator (comma). */
  public static boolean projectable(String value) {
    if (value.isEmpty()) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ',' || needsEscaping(c)) {
        return false;
      }
    }
    return true;
  }
}
