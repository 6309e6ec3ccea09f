package io.strata.core.report;

import io.strata.core.store.ObjectInfo;
import io.strata.core.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads the {@code <name>.sql} reports of a folder or an object-store prefix, each on its own: one
 * broken report is set aside with its reason and takes no other report down. Failing to read the
 * storage itself is not a broken report; it is thrown.
 */
public final class ReportFolder {

  private ReportFolder() {}

  /**
   * What a folder holds.
   *
   * @param reports the reports that loaded, by name
   * @param broken why each other report file cannot be loaded, by file name
   */
  public record Reports(
      Map<String, ReportDefinition> reports, Map<String, ReportException> broken) {

    public Reports {
      reports = Collections.unmodifiableMap(new TreeMap<>(reports));
      broken = Collections.unmodifiableMap(new TreeMap<>(broken));
    }

    /**
     * The reports, if every one loaded.
     *
     * @throws ReportException the first failure, by file name
     */
    public Map<String, ReportDefinition> orThrow() {
      if (!broken.isEmpty()) {
        throw broken.values().iterator().next();
      }
      return reports;
    }
  }

  /** The reports of a folder on disk; an absent folder holds none. */
  public static Reports read(Path dir, Set<String> datasets) {
    Map<String, ReportDefinition> reports = new TreeMap<>();
    Map<String, ReportException> broken = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return new Reports(reports, broken);
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files =
          listing
              .filter(p -> p.getFileName().toString().endsWith(ReportLoader.SUFFIX))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list reports in " + dir, e);
    }
    for (Path file : files) {
      String fileName = file.getFileName().toString();
      try {
        add(fileName, Files.readString(file, StandardCharsets.UTF_8), datasets, reports, broken);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read report " + fileName, e);
      }
    }
    return new Reports(reports, broken);
  }

  /** The reports {@code <prefix><name>.sql} in a bucket (prefix e.g. "reports/"). */
  public static Reports read(
      ObjectStore store, String bucket, String prefix, Set<String> datasets) {
    String folder = prefix == null ? "" : prefix;
    Map<String, ReportDefinition> reports = new TreeMap<>();
    Map<String, ReportException> broken = new TreeMap<>();
    for (ObjectInfo object : store.list(bucket, folder)) {
      String fileName = object.key().substring(folder.length());
      if (fileName.contains("/") || !fileName.endsWith(ReportLoader.SUFFIX)) {
        continue;
      }
      try (InputStream in = store.open(bucket, object.key())) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        add(fileName, text, datasets, reports, broken);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read report s3://" + bucket + "/" + object.key(), e);
      }
    }
    return new Reports(reports, broken);
  }

  private static void add(
      String fileName,
      String text,
      Set<String> datasets,
      Map<String, ReportDefinition> reports,
      Map<String, ReportException> broken) {
    try {
      ReportDefinition report = ReportLoader.parse(fileName, text, datasets);
      reports.put(report.name(), report);
    } catch (ReportException e) {
      broken.put(fileName, e);
    }
  }
}
