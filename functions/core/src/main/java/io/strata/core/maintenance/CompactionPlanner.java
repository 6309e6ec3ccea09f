package io.strata.core.maintenance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.MessageType;

/**
 * Decides which small files are rewritten together: files of one partition with one Parquet schema
 * (a file written before a column was added has another, and column chunks are only copied between
 * files of the same schema), taken in commit order and packed into groups of up to the target size;
 * a group of fewer than the minimum files is left as it is. Pure.
 */
final class CompactionPlanner {

  private CompactionPlanner() {}

  static List<List<CompactionCandidate>> groups(
      List<CompactionCandidate> candidates, CompactionSettings settings) {
    Map<String, Map<MessageType, List<CompactionCandidate>>> byPartition = new LinkedHashMap<>();
    candidates.stream()
        .sorted(
            Comparator.comparing(
                    (CompactionCandidate c) ->
                        c.file().dataSequenceNumber() == null ? 0L : c.file().dataSequenceNumber())
                .thenComparing(c -> c.file().location()))
        .forEach(
            c ->
                byPartition
                    .computeIfAbsent(c.partition(), p -> new LinkedHashMap<>())
                    .computeIfAbsent(
                        c.footer().getFileMetaData().getSchema(), s -> new ArrayList<>())
                    .add(c));
    List<List<CompactionCandidate>> groups = new ArrayList<>();
    for (Map<MessageType, List<CompactionCandidate>> bySchema : byPartition.values()) {
      for (List<CompactionCandidate> files : bySchema.values()) {
        pack(files, settings, groups);
      }
    }
    return groups;
  }

  private static void pack(
      List<CompactionCandidate> files,
      CompactionSettings settings,
      List<List<CompactionCandidate>> groups) {
    List<CompactionCandidate> group = new ArrayList<>();
    long bytes = 0;
    for (CompactionCandidate file : files) {
      if (!group.isEmpty() && bytes + file.bytes() > settings.targetFileBytes()) {
        keepIfWorthIt(group, settings, groups);
        group = new ArrayList<>();
        bytes = 0;
      }
      group.add(file);
      bytes += file.bytes();
    }
    keepIfWorthIt(group, settings, groups);
  }

  private static void keepIfWorthIt(
      List<CompactionCandidate> group,
      CompactionSettings settings,
      List<List<CompactionCandidate>> groups) {
    if (group.size() >= settings.minFiles()) {
      groups.add(List.copyOf(group));
    }
  }
}
