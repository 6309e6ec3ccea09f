package io.strata.api.setup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.api.identity.RoleResolver;
import io.strata.core.access.AccessPolicy;
import io.strata.core.access.AccessPolicyLoader;
import io.strata.core.contract.ContractRepository;
import io.strata.core.contract.DatasetContract;
import io.strata.core.report.ReportDefinition;
import io.strata.core.report.ReportLoader;
import io.strata.core.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules the API enforces, read from the same files the infrastructure deploys: the contracts,
 * {@code access.yaml} (with the generated IAM roles) and the named reports. Read once and kept for
 * {@link #REFRESH_MILLIS}, so a redeployed policy takes effect within minutes without a restart.
 */
public final class LakeRules {

  /** How long a read of the rules is trusted before it is read again. */
  public static final long REFRESH_MILLIS = 5 * 60 * 1000;

  private final ContractRepository contracts;
  private final ObjectStore store;
  private final ApiConfig config;
  private volatile Snapshot snapshot;

  /** One consistent read of the rules. */
  public record Snapshot(
      Map<String, DatasetContract> contracts,
      AccessPolicy policy,
      RoleResolver roles,
      Map<String, ReportDefinition> reports,
      long readAtMillis) {}

  public LakeRules(ContractRepository contracts, ObjectStore store, ApiConfig config) {
    this.contracts = Objects.requireNonNull(contracts, "contracts");
    this.store = Objects.requireNonNull(store, "store");
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The current rules, read again when older than {@link #REFRESH_MILLIS}. */
  public Snapshot current() {
    Snapshot current = snapshot;
    if (current == null || System.currentTimeMillis() - current.readAtMillis() > REFRESH_MILLIS) {
      synchronized (this) {
        current = snapshot;
        if (current == null
            || System.currentTimeMillis() - current.readAtMillis() > REFRESH_MILLIS) {
          current = read();
          snapshot = current;
        }
      }
    }
    return current;
  }

  /** The contract of a dataset, if one exists. */
  public Optional<DatasetContract> contract(String dataset) {
    return Optional.ofNullable(current().contracts().get(dataset));
  }

  private Snapshot read() {
    Map<String, DatasetContract> byName = new LinkedHashMap<>();
    for (String name : contracts.names()) {
      contracts.find(name).ifPresent(c -> byName.put(name, c));
    }
    AccessPolicy policy = readPolicy();
    RoleResolver roles = new RoleResolver(policy, generatedRoles(config.access().generatedRoles()));
    Map<String, ReportDefinition> reports = readReports(byName);
    return new Snapshot(byName, policy, roles, reports, System.currentTimeMillis());
  }

  private AccessPolicy readPolicy() {
    Location location = Location.parse(config.access().location());
    if (!location.inObjectStore()) {
      return AccessPolicyLoader.load(location.path(), contracts);
    }
    try (InputStream in = store.open(location.bucket(), location.key())) {
      return AccessPolicyLoader.parse(location.fileName(), in, contracts);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read access policy " + location, e);
    }
  }

  private Map<String, ReportDefinition> readReports(Map<String, DatasetContract> byName) {
    Location location = Location.parse(config.reports().location());
    if (!location.inObjectStore()) {
      return ReportLoader.load(location.path(), byName);
    }
    return ReportLoader.load(store, location.bucket(), location.prefix(), byName);
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
