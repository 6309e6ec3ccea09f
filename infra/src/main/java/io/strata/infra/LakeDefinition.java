package io.strata.infra;

import io.strata.core.access.AccessPolicy;
import io.strata.core.access.AccessPolicyException;
import io.strata.core.access.AccessPolicyLoader;
import io.strata.core.contract.ContractException;
import io.strata.core.contract.ContractLoader;
import io.strata.core.contract.DatasetContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of {@code datasets/} that the functions read at run time, loaded and checked at synth
 * time: every contract and the access policy, so a broken file fails the synth, not the lake.
 */
public record LakeDefinition(
    Path dir, Map<String, DatasetContract> contracts, AccessPolicy access) {

  public LakeDefinition {
    contracts = Collections.unmodifiableMap(new TreeMap<>(contracts));
  }

  /** Loads {@code <dataset>.yaml} contracts and {@code access.yaml} from the directory. */
  public static LakeDefinition load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new StrataConfigException(
          "Cannot load datasets from " + dir + ": not a directory (context strata:datasetsDir)");
    }
    Map<String, DatasetContract> contracts = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files =
          listing
              .filter(f -> f.getFileName().toString().endsWith(".yaml"))
              .filter(f -> !f.getFileName().toString().equals(AccessPolicyLoader.FILE_NAME))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list datasets in " + dir, e);
    }
    Path accessFile = dir.resolve(AccessPolicyLoader.FILE_NAME);
    if (!Files.isRegularFile(accessFile)) {
      throw new StrataConfigException(
          "Cannot load datasets from " + dir + ": " + AccessPolicyLoader.FILE_NAME + " is missing");
    }
    try {
      for (Path file : files) {
        DatasetContract contract = ContractLoader.load(file);
        contracts.put(contract.name(), contract);
      }
      return new LakeDefinition(dir, contracts, AccessPolicyLoader.load(accessFile, contracts));
    } catch (ContractException | AccessPolicyException e) {
      throw new StrataConfigException(e.getMessage(), e);
    }
  }
}
