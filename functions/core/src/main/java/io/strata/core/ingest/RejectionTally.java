package io.strata.core.ingest;

import io.strata.core.validate.Violation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Counts rejected rows and the rules they broke, keeping only the first {@code maxKept} violations
 * so that memory stays bounded however bad a file is.
 */
final class RejectionTally {

  private final int maxKept;
  private final List<Violation> kept = new ArrayList<>();
  private final Map<String, Long> byRule = new LinkedHashMap<>();
  private long rejectedRows;
  private long violations;

  RejectionTally(int maxKept) {
    this.maxKept = maxKept;
  }

  void reject(List<Violation> rowViolations) {
    rejectedRows++;
    for (Violation v : rowViolations) {
      violations++;
      if (kept.size() < maxKept) {
        kept.add(ViolationBounds.bounded(v));
      }
      String rule = (v.column() == null ? "record" : v.column()) + " " + v.rule();
      byRule.merge(rule, 1L, Long::sum);
    }
  }

  /**
   * Adds the tally of a later part of the same file (a byte range): kept violations continue in
   * file order, counts add up, rules keep the order they were first seen in.
   */
  void absorb(
      long rows, long violationCount, List<Violation> keptViolations, Map<String, Long> rules) {
    rejectedRows += rows;
    violations += violationCount;
    for (Violation v : keptViolations) {
      if (kept.size() < maxKept) {
        kept.add(v);
      }
    }
    rules.forEach((rule, count) -> byRule.merge(rule, count, Long::sum));
  }

  /** Rejected rows per broken rule ("amount type"), in the order the rules were first seen. */
  Map<String, Long> byRule() {
    return new LinkedHashMap<>(byRule);
  }

  long rejectedRows() {
    return rejectedRows;
  }

  long violations() {
    return violations;
  }

  List<Violation> kept() {
    return List.copyOf(kept);
  }

  /** "amount type (20), currency allowed (17)": the three most frequent broken rules. */
  String mostCommon() {
    return byRule.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .limit(3)
        .map(e -> e.getKey() + " (" + e.getValue() + ")")
        .collect(Collectors.joining(", "));
  }
}
