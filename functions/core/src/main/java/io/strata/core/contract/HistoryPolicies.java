package io.strata.core.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** Reads a contract's {@code history:} mapping into a {@link HistoryPolicy}. */
final class HistoryPolicies {

  private static final Set<String> KEYS = Set.of("retention");

  private HistoryPolicies() {}

  static HistoryPolicy read(JsonNode node) {
    YamlFields fields = YamlFields.of(node, "history", KEYS);
    if (!fields.has("retention")) {
      return HistoryPolicy.FOREVER;
    }
    String retention = fields.text("retention");
    try {
      return new HistoryPolicy(retention);
    } catch (ContractException e) {
      throw YamlFields.problem(fields.at("retention"), e.getMessage());
    }
  }
}
