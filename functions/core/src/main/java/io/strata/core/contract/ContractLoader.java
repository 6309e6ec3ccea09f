package io.strata.core.contract;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a dataset contract from its YAML file ({@code datasets/<name>.yaml}); see {@code
 * datasets/README.md} for the format. Every mistake becomes a {@link ContractException} that names
 * the file and the field, e.g. {@code Cannot load contract bank_transactions.yaml: columns[2].type:
 * unknown type 'decmial(18,2)' (…)}.
 */
public final class ContractLoader {

  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private ContractLoader() {}

  /** Loads the contract in this file; the file name must be {@code <name>.yaml}. */
  public static DatasetContract load(Path file) {
    String fileName = file.getFileName().toString();
    try (InputStream in = Files.newInputStream(file)) {
      return parse(fileName, in);
    } catch (IOException e) {
      throw new ContractException(
          "Cannot load contract " + fileName + ": " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * Parses a contract read from anywhere (a file, an object); {@code fileName} is the name the
   * contract is known by, {@code <name>.yaml}, and appears in every error message.
   */
  public static DatasetContract parse(String fileName, InputStream yaml) {
    String prefix = "Cannot load contract " + fileName + ": ";
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JacksonException e) {
      throw new ContractException(prefix + "invalid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(prefix + e.getMessage(), e);
    }
    DatasetContract contract;
    try {
      contract = ContractReader.read(root);
    } catch (ContractException e) {
      throw new ContractException(prefix + e.getMessage(), e);
    }
    String expected = contract.name() + ".yaml";
    if (!fileName.equals(expected)) {
      throw new ContractException(
          prefix + "name: '" + contract.name() + "' does not match the file name " + fileName);
    }
    return contract;
  }
}
