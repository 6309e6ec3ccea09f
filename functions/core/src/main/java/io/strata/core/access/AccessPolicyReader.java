package io.strata.core.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.core.contract.ContractException;
import io.strata.core.contract.ContractRepository;
import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.YamlFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the YAML tree of {@code access.yaml} into an {@link AccessPolicy}, checked field by field.
 */
final class AccessPolicyReader {

  private static final Set<String> TOP_KEYS = Set.of("roles");
  private static final Set<String> ROLE_KEYS =
      Set.of("description", "admin", "principals", "datasets", "reports", "exports");
  private static final Set<String> GRANT_KEYS = Set.of("hidden", "masked", "row_filter");

  private final ContractRepository contracts;
  private final Map<String, String> principalHolders = new HashMap<>();

  private AccessPolicyReader(ContractRepository contracts) {
    this.contracts = contracts;
  }

  static AccessPolicy read(JsonNode root, ContractRepository contracts) {
    return new AccessPolicyReader(contracts).policy(root);
  }

  private AccessPolicy policy(JsonNode root) {
    YamlFields top = YamlFields.of(root, "", TOP_KEYS);
    Map<String, RoleGrant> roles = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : entries(top, "roles")) {
      roles.put(entry.getKey(), role(entry.getKey(), entry.getValue()));
    }
    return new AccessPolicy(roles);
  }

  private RoleGrant role(String name, JsonNode node) {
    String path = "roles." + name;
    if (!RoleGrant.NAME.matcher(name).matches()) {
      throw problem(path, "role name must match " + RoleGrant.NAME.pattern());
    }
    YamlFields fields = YamlFields.of(node, path, ROLE_KEYS);
    boolean admin = fields.bool("admin", false);
    List<String> principals = fields.texts("principals");
    for (int i = 0; i < principals.size(); i++) {
      String at = fields.at("principals") + "[" + i + "]";
      String principal = principals.get(i);
      if (!RoleGrant.PRINCIPAL.matcher(principal).matches()) {
        throw problem(at, "'" + principal + "' is not an IAM role or user ARN");
      }
      String holder = principalHolders.putIfAbsent(principal, name);
      if (holder != null) {
        throw problem(at, principal + " already holds role " + holder);
      }
    }
    if (admin) {
      for (String key : List.of("datasets", "reports", "exports")) {
        if (fields.has(key)) {
          throw problem(fields.at(key), "an admin role may do everything; remove this list");
        }
      }
    }
    Map<String, DatasetGrant> datasets = new LinkedHashMap<>();
    Set<String> unavailable = new HashSet<>();
    for (Map.Entry<String, JsonNode> entry : entries(fields, "datasets")) {
      String dataset = entry.getKey();
      Optional<DatasetGrant> grant =
          grant(dataset, entry.getValue(), fields.at("datasets") + "." + dataset);
      if (grant.isPresent()) {
        datasets.put(dataset, grant.get());
      } else {
        unavailable.add(dataset);
      }
    }
    List<String> reports = fields.texts("reports");
    for (int i = 0; i < reports.size(); i++) {
      if (!RoleGrant.REPORT.matcher(reports.get(i)).matches()) {
        throw problem(
            fields.at("reports") + "[" + i + "]",
            "report name '" + reports.get(i) + "' must match " + RoleGrant.REPORT.pattern());
      }
    }
    List<String> exports = new ArrayList<>(fields.texts("exports"));
    for (int i = 0; i < exports.size(); i++) {
      if (unavailable.contains(exports.get(i))) {
        continue;
      }
      if (!datasets.containsKey(exports.get(i))) {
        throw problem(
            fields.at("exports") + "[" + i + "]",
            "cannot export dataset "
                + exports.get(i)
                + ", which the role cannot see (list it under datasets)");
      }
    }
    exports.removeAll(unavailable);
    try {
      return new RoleGrant(
          name, fields.text("description", ""), admin, principals, datasets, reports, exports);
    } catch (AccessPolicyException e) {
      throw problem(path, e.getMessage());
    }
  }

  /**
   * The role's grant on a dataset, or empty while the dataset's contract is broken: its columns are
   * unknown, so nothing about the grant can be checked, and the dataset is not served anyway.
   * Leaving the grant out denies; it comes back with the next read after the contract is fixed.
   */
  private Optional<DatasetGrant> grant(String dataset, JsonNode node, String path) {
    DatasetContract contract;
    try {
      contract =
          contracts
              .find(dataset)
              .orElseThrow(() -> problem(path, "unknown dataset " + dataset + " (no contract)"));
    } catch (ContractException e) {
      return Optional.empty();
    }
    if (node == null || node.isNull()) {
      return Optional.of(DatasetGrant.unrestricted(dataset));
    }
    YamlFields fields = YamlFields.of(node, path, GRANT_KEYS);
    List<String> hidden = columns(fields, "hidden", contract);
    List<String> masked = columns(fields, "masked", contract);
    for (int i = 0; i < masked.size(); i++) {
      if (hidden.contains(masked.get(i))) {
        throw problem(
            fields.at("masked") + "[" + i + "]",
            "column " + masked.get(i) + " is hidden already; a column is either hidden or masked");
      }
    }
    RowFilter filter =
        fields.has("row_filter")
            ? RowFilterReader.read(fields.get("row_filter"), fields.at("row_filter"), contract)
            : null;
    try {
      return Optional.of(new DatasetGrant(dataset, hidden, masked, filter));
    } catch (AccessPolicyException e) {
      throw problem(path, e.getMessage());
    }
  }

  private static List<String> columns(YamlFields fields, String key, DatasetContract contract) {
    List<String> names = fields.texts(key);
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (contract.column(name).isEmpty()) {
        throw problem(
            fields.at(key) + "[" + i + "]",
            "unknown column " + name + " in dataset " + contract.name());
      }
      if (names.subList(0, i).contains(name)) {
        throw problem(fields.at(key) + "[" + i + "]", "column " + name + " is listed twice");
      }
    }
    return names;
  }

  private static List<Map.Entry<String, JsonNode>> entries(YamlFields fields, String key) {
    if (!fields.has(key)) {
      return List.of();
    }
    JsonNode node = fields.get(key);
    if (!node.isObject()) {
      throw problem(fields.at(key), "must be a mapping of names");
    }
    List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      entries.add(it.next());
    }
    return entries;
  }

  static AccessPolicyException problem(String path, String reason) {
    return new AccessPolicyException(path + ": " + reason);
  }
}
