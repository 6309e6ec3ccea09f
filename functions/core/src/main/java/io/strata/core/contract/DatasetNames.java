package io.strata.core.contract;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which names can be datasets: lower snake case, and not the name of another file that lives beside
 * the contracts ({@code access.yaml} holds the access policy).
 */
public final class DatasetNames {

  /** Names of files beside the contracts that are not contracts. */
  public static final Set<String> RESERVED = Set.of("access");

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  private DatasetNames() {}

  /** Whether a dataset may have this name; a name that may not is simply never found. */
  public static boolean isDatasetName(String name) {
    return name != null && NAME.matcher(name).matches() && !RESERVED.contains(name);
  }
}
