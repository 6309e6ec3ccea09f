package io.strata.core.contract;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which names can be datasets: lower snake case, and not a name Strata uses for something else:
 * {@code access} ({@code access.yaml} beside the contracts holds the access policy) and {@code
 * strata_batches} (the Glue table over the batch manifests of the Hive-format history, which a
 * deployment from before the Iceberg switch may still hold beside the dataset tables).
 */
public final class DatasetNames {

  private static final Map<String, String> REASONS =
      Map.of(
          "access", "access.yaml beside the contracts is not one",
          "strata_batches",
              "it names the batch table an older Hive-format deployment may still hold");

  /** Names that are never datasets. */
  public static final Set<String> RESERVED = REASONS.keySet();

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  private DatasetNames() {}

  /** Whether a dataset may have this name; a name that may not is simply never found. */
  public static boolean isDatasetName(String name) {
    return name != null && NAME.matcher(name).matches() && !RESERVED.contains(name);
  }

  /** Why a reserved name is reserved; null for names that are not. */
  public static String whyReserved(String name) {
    return REASONS.get(name);
  }
}
