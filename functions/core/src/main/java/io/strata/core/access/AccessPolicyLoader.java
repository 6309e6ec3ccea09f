package io.strata.core.access;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.strata.core.contract.ContractException;
import io.strata.core.contract.ContractRepository;
import io.strata.core.contract.DatasetContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads {@code datasets/access.yaml} (format in {@code datasets/README.md}) and checks it against
 * the dataset contracts. Every mistake becomes an {@link AccessPolicyException} naming the file and
 * the field, e.g. {@code Cannot load access policy access.yaml:
 * roles.analyst.datasets.bank_transactions.masked[0]: unknown column iban in dataset
 * bank_transactions}.
 */
public final class AccessPolicyLoader {

  /** The policy's file name beside the contracts. */
  public static final String FILE_NAME = "access.yaml";

  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private AccessPolicyLoader() {}

  /** Loads the policy in this file, checked against the contracts of the repository. */
  public static AccessPolicy load(Path file, ContractRepository contracts) {
    String fileName = file.getFileName().toString();
    try (InputStream in = Files.newInputStream(file)) {
      return parse(fileName, in, contracts);
    } catch (IOException e) {
      throw new AccessPolicyException(
          "Cannot load access policy " + fileName + ": " + e.getClass().getSimpleName(), e);
    }
  }

  /** Loads the policy in this file, checked against these contracts by dataset name. */
  public static AccessPolicy load(Path file, Map<String, DatasetContract> contracts) {
    return load(
        file,
        new ContractRepository() {
          @Override
          public Optional<DatasetContract> find(String dataset) {
            return Optional.ofNullable(contracts.get(dataset));
          }

          @Override
          public List<String> names() {
            return contracts.keySet().stream().sorted().toList();
          }
        });
  }

  /**
   * Parses a policy read from anywhere (a file, an object); {@code fileName} appears in every error
   * message.
   */
  public static AccessPolicy parse(
      String fileName, InputStream yaml, ContractRepository contracts) {
    String prefix = "Cannot load access policy " + fileName + ": ";
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JacksonException e) {
      throw new AccessPolicyException(prefix + "invalid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(prefix + e.getMessage(), e);
    }
    try {
      return AccessPolicyReader.read(root, contracts);
    } catch (AccessPolicyException | ContractException e) {
      throw new AccessPolicyException(prefix + e.getMessage(), e);
    }
  }
}
