package io.strata.core.catalog;

/**
 * Glue's limits on free texts, applied where catalog values are made so that a table read back from
 * any catalog equals the table that was stored.
 */
public final class CatalogTexts {

  /** Longest column comment Glue stores. */
  public static final int MAX_COMMENT = 255;

  /** Longest table description Glue stores. */
  public static final int MAX_DESCRIPTION = 2048;

  private CatalogTexts() {}

  /** The text cut to {@code limit} characters, never inside a surrogate pair; null as empty. */
  public static String cut(String text, int limit) {
    if (text == null) {
      return "";
    }
    if (text.length() <= limit) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
    return text.substring(0, end);
  }
}
