package io.strata.core.query;

import java.util.Locale;
import java.util.Optional;

/** Which rows of a dataset's history a query reads. */
public enum View {
  /** The latest version of each business key (every row when the dataset has no key). */
  CURRENT,
  /** Every version of every row. */
  HISTORY;

  /** The name as the API writes it: {@code current} or {@code history}. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The view the API names so, if any. */
  public static Optional<View> fromApiName(String name) {
    for (View view : values()) {
      if (view.apiName().equals(name)) {
        return Optional.of(view);
      }
    }
    return Optional.empty();
  }
}
