package io.strata.api.setup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.api.error.ApiException;
import io.strata.api.identity.RoleResolver;
import io.strata.core.access.AccessPolicy;
import io.strata.core.contract.ContractRepository;
import io.strata.core.contract.DatasetContract;
import io.strata.core.report.ReportDefinition;
import io.strata.core.rules.Location;
import io.strata.core.rules.RuleFiles;
import io.strata.core.store.ObjectStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules the API enforces, read from the same files the infrastructure deploys: the contracts,
 * {@code access.yaml} (with the generated IAM roles) and the named reports. They are looked at for
 * changes at most once per check interval (the contract repository's, {@code
 * strata.contracts.check-interval}), cheaply (file times, ETags), and read again only when one
 * changed, so a redeployed file takes effect within seconds without a restart.
 *
 * <p>A broken file takes down only what it describes: a broken contract its dataset, a broken
 * report itself; both answer 503 naming file and field while everything else is served. A broken
 * {@code access.yaml} leaves the last good policy in force (if none was ever loaded, every request
 * is refused). Each change of these states is logged once, and {@link RulesHealthCheck} shows them.
 */
public final class LakeRules {

  private static final Logger LOG = LoggerFactory.getLogger(LakeRules.class);

  private final ContractRepository contracts;
  private final RuleFiles files;
  private final String generatedRoles;
  private final Clock clock;
  private final long checkIntervalNanos;
  private volatile Snapshot snapshot;
  private volatile long checkedAt;

  /**
   * One consistent read of the rules.
   *
   * @param contracts the valid contracts by dataset
   * @param policy the access policy in force (the last good one while {@code access.yaml} is
   *     broken; empty, denying everything, if none was ever loaded)
   * @param reports the reports that can run, by name
   * @param brokenContracts why each other dataset's contract cannot be loaded, by dataset
   * @param brokenReports why each other report cannot run, by report file name
   * @param access the state of {@code access.yaml}
   */
  public record Snapshot(
      Map<String, DatasetContract> contracts,
      AccessPolicy policy,
      RoleResolver roles,
      Map<String, ReportDefinition> reports,
      Map<String, String> brokenContracts,
      Map<String, String> brokenReports,
      PolicyState access,
      RuleRevisions revisions) {

    public Snapshot {
      contracts = sorted(contracts);
      reports = sorted(reports);
      brokenContracts = sorted(brokenContracts);
      brokenReports = sorted(brokenReports);
    }

    private static <V> Map<String, V> sorted(Map<String, V> map) {
      return Collections.unmodifiableMap(new TreeMap<>(map));
    }

    /**
     * The report of this name, or null if there is none.
     *
     * @throws ApiException 503 {@code report_invalid} when its file is broken or it reads a dataset
     *     whose contract is
     */
    public ReportDefinition report(String name) {
      String problem = brokenReports.get(name + ".sql");
      if (problem != null) {
        throw new ApiException(
            503,
            "report_invalid",
            "Report " + name + " is unavailable until it is fixed: " + problem);
      }
      return reports.get(name);
    }

    /** Whether every rule file loads. */
    public boolean healthy() {
      return access.problem() == null && brokenContracts.isEmpty() && brokenReports.isEmpty();
    }
  }

  /**
   * The state of {@code access.yaml}.
   *
   * @param loadedAt when the policy in force was read; null if none ever was
   * @param problem why the file cannot be loaded now; null when the policy in force is the file's
   */
  public record PolicyState(Instant loadedAt, String problem) {}

  public LakeRules(ContractRepository contracts, ObjectStore store, ApiConfig config) {
    this(
        contracts,
        new RuleFiles(
            store,
            Location.parse(config.access().location()),
            Location.parse(config.reports().location())),
        config.access().generatedRoles(),
        Clock.systemUTC());
  }

  /**
   * @param generatedRoles the JSON object of {@code strata.access.generated-roles}
   */
  LakeRules(ContractRepository contracts, RuleFiles files, String generatedRoles, Clock clock) {
    this.contracts = Objects.requireNonNull(contracts, "contracts");
    this.files = Objects.requireNonNull(files, "files");
    this.generatedRoles = Objects.requireNonNull(generatedRoles, "generatedRoles");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.checkIntervalNanos = contracts.checkInterval().toNanos();
  }

  /**
   * The current rules, for a request.
   *
   * @throws ApiException 503 {@code access_policy_invalid} while no access policy was ever loaded
   */
  public Snapshot current() {
    Snapshot current = latest();
    if (current.access().loadedAt() == null) {
      throw new ApiException(
          503,
          "access_policy_invalid",
          "Cannot serve the request: access.yaml cannot be loaded and no earlier policy is in"
              + " force; the operators find why in the logs and in /q/health");
    }
    return current;
  }

  /** The current rules, whatever state they are in (for health). */
  public Snapshot latest() {
    Snapshot current = snapshot;
    if (current != null && System.nanoTime() - checkedAt < checkIntervalNanos) {
      return current;
    }
    synchronized (this) {
      current = snapshot;
      long now = System.nanoTime();
      if (current != null && now - checkedAt < checkIntervalNanos) {
        return current;
      }
      try {
        RuleRevisions revisions = RuleRevisions.of(contracts, files);
        if (current == null || !revisions.equals(current.revisions())) {
          Snapshot read =
              new RulesReader(contracts, files, generatedRoles)
                  .read(revisions, current, clock.instant());
          RulesLog.changes(current, read);
          snapshot = read;
          current = read;
        }
      } catch (RuntimeException e) {
        if (current == null) {
          throw e;
        }
        LOG.warn(
            "Cannot look at the lake's rules for changes; the rules read before stay in force: {}",
            e.toString());
      }
      checkedAt = now;
      return current;
    }
  }

  /**
   * The contract of a dataset, if one exists.
   *
   * @throws ApiException 503 {@code contract_invalid} naming file and field, when it is broken
   */
  public Optional<DatasetContract> contract(String dataset) {
    Snapshot current = current();
    String problem = current.brokenContracts().get(dataset);
    if (problem != null) {
      throw new ApiException(
          503,
          "contract_invalid",
          "Dataset " + dataset + " is unavailable until its contract is fixed: " + problem);
    }
    return Optional.ofNullable(current.contracts().get(dataset));
  }

  static Map<String, String> generatedRoles(String json) {
    try {
      return new ObjectMapper().readValue(json, new TypeReference<Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Cannot read strata.access.generated-roles: not a JSON object of role ARN to role name",
          e);
    }
  }
}
