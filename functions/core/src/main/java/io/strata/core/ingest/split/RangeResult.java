package io.strata.core.ingest.split;

import io.strata.core.history.WrittenFile;
import io.strata.core.validate.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one range worker did, stored beside the plan for the key check and the commit: counts, the
 * first violations and the rejected rows per rule (to merge into the file's report), its Parquet
 * files (as Iceberg's JSON of each data file, to commit), its part of the rejects, and how the read
 * ended.
 *
 * @param kept the first violations of the range, at most the report's limit
 * @param byRule rejected rows per broken rule, in the order first seen
 * @param dataFiles Iceberg data files in {@code ContentFileParser} JSON
 * @param rejectsKey the range's rejects part, or null when it rejected no row
 * @param keysKey the range's sorted business keys (hash, line), or null without a key
 * @param profileKey the profile of the rows the range wrote, or null when it wrote none
 * @param crossDuplicates rows rejected because an earlier range holds their key (a rerun)
 * @param rejection the file-level rejection the range hit (code), or null
 * @param rejectionMessage its message, with the lines of the whole file
 * @param empty the code of an empty range ({@code empty_file}, {@code no_records}) or null: not an
 *     error unless the whole file is empty
 * @param unclosedQuote the range ended inside a quoted field: its end was no record boundary
 * @param withinPolicy false once the range alone rejected more rows than the policy allows (its
 *     files were then dropped)
 */
public record RangeResult(
    int index,
    long rows,
    long accepted,
    long rejectedRows,
    long violations,
    List<Violation> kept,
    Map<String, Long> byRule,
    List<WrittenFile> files,
    List<String> dataFiles,
    String rejectsKey,
    String keysKey,
    String profileKey,
    long crossDuplicates,
    String rejection,
    String rejectionMessage,
    String empty,
    String emptyMessage,
    boolean unclosedQuote,
    boolean withinPolicy) {

  public RangeResult {
    kept = kept == null ? List.of() : List.copyOf(kept);
    byRule = byRule == null ? Map.of() : new LinkedHashMap<>(byRule);
    files = files == null ? List.of() : List.copyOf(files);
    dataFiles = dataFiles == null ? List.of() : List.copyOf(dataFiles);
  }
}
