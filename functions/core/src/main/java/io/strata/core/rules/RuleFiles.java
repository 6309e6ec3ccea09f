package io.strata.core.rules;

import io.strata.core.access.AccessPolicy;
import io.strata.core.access.AccessPolicyException;
import io.strata.core.access.AccessPolicyLoader;
import io.strata.core.contract.ContractRepository;
import io.strata.core.contract.FileRevision;
import io.strata.core.report.ReportFolder;
import io.strata.core.store.ObjectNotFoundException;
import io.strata.core.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where {@code access.yaml} and the named reports live (a file and a folder locally, an object and
 * a prefix in S3), read for the rules and looked at cheaply for changes: a file's time, size and
 * identity, an object's ETag (one HEAD for the policy, one LIST for the reports).
 */
public final class RuleFiles {

  private final ObjectStore store;
  private final Location access;
  private final Location reports;

  public RuleFiles(ObjectStore store, Location access, Location reports) {
    this.store = Objects.requireNonNull(store, "store");
    this.access = Objects.requireNonNull(access, "access");
    this.reports = Objects.requireNonNull(reports, "reports");
  }

  /** A token that changes whenever {@code access.yaml} changes. */
  public String accessRevision() {
    if (access.inObjectStore()) {
      return store.head(access.bucket(), access.key()).map(FileRevision::of).orElse("absent");
    }
    return FileRevision.of(access.path()).orElse("absent");
  }

  /** A token that changes whenever a report file is added, changed or removed. */
  public String reportsRevision() {
    if (reports.inObjectStore()) {
      return store.list(reports.bucket(), reports.prefix()).stream()
          .map(o -> o.key() + " " + FileRevision.of(o))
          .collect(Collectors.joining("\n"));
    }
    if (!Files.isDirectory(reports.path())) {
      return "absent";
    }
    try (Stream<Path> files = Files.list(reports.path())) {
      return files
          .sorted()
          .map(f -> f + " " + FileRevision.of(f).orElse("absent"))
          .collect(Collectors.joining("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list reports in " + reports, e);
    }
  }

  /**
   * Reads the access policy, checked against these contracts.
   *
   * @throws AccessPolicyException when it is missing or invalid
   */
  public AccessPolicy readPolicy(ContractRepository contracts) {
    if (!access.inObjectStore()) {
      return AccessPolicyLoader.load(access.path(), contracts);
    }
    try (InputStream in = store.open(access.bucket(), access.key())) {
      return AccessPolicyLoader.parse(access.fileName(), in, contracts);
    } catch (ObjectNotFoundException e) {
      throw new AccessPolicyException(
          "Cannot load access policy " + access.fileName() + ": " + access + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read access policy " + access, e);
    }
  }

  /** Reads every report, each on its own; {@code datasets} are the names they may read. */
  public ReportFolder.Reports readReports(Set<String> datasets) {
    if (!reports.inObjectStore()) {
      return ReportFolder.read(reports.path(), datasets);
    }
    return ReportFolder.read(store, reports.bucket(), reports.prefix(), datasets);
  }
}
