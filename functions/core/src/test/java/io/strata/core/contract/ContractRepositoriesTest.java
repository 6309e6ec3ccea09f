package io.strata.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.strata.core.store.ObjectInfo;
import io.strata.core.store.ObjectNotFoundException;
import io.strata.core.store.ObjectStore;
import io.strata.core.store.ObjectWriter;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContractRepositoriesTest {

  private static final String CONTRACT =
      """
      name: sample
      version: 1
      format: csv
      columns:
        - {name: id, type: string}
      """;

  @TempDir Path dir;

  @Test
  void findsContractInDirectoryAndCachesIt() throws Exception {
    Files.writeString(dir.resolve("sample.yaml"), CONTRACT);
    DirectoryContractRepository repository = new DirectoryContractRepository(dir);

    DatasetContract first = repository.find("sample").orElseThrow();
    Files.writeString(dir.resolve("sample.yaml"), "not: a contract");
    DatasetContract second = repository.find("sample").orElseThrow();

    assertThat(first.name()).isEqualTo("sample");
    assertThat(second).isSameAs(first);
  }

  @Test
  void findsNothingForUnknownDatasetAndFindsItOnceAdded() throws Exception {
    DirectoryContractRepository repository = new DirectoryContractRepository(dir, Duration.ZERO);

    Optional<DatasetContract> before = repository.find("sample");
    Files.writeString(dir.resolve("sample.yaml"), CONTRACT);
    Optional<DatasetContract> after = repository.find("sample");

    assertThat(before).isEmpty();
    assertThat(after).map(DatasetContract::name).contains("sample");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../sample", "sample/../sample", "Sample", "", "1sample", "sam-ple"})
  void neverResolvesDatasetNamesOutsideTheNamingRule(String dataset) throws Exception {
    Path inner = Files.createDirectories(dir.resolve("inner"));
    Files.writeString(dir.resolve("sample.yaml"), CONTRACT);
    Files.writeString(inner.resolve("sample.yaml"), CONTRACT);

    assertThat(new DirectoryContractRepository(inner).find(dataset)).isEmpty();
  }

  @Test
  void neverTakesTheAccessPolicyBesideTheContractsForADataset() {
    DirectoryContractRepository repository =
        new DirectoryContractRepository(java.nio.file.Path.of("../../datasets"));
    FakeObjectStore store = new FakeObjectStore();
    store.objects.put("datasets/access.yaml", "roles: {}\n");

    assertThat(repository.find("access")).isEmpty();
    assertThat(new ObjectStoreContractRepository(store, "b", "datasets/").find("access")).isEmpty();
    assertThat(repository.find("bank_transactions")).isPresent();
  }

  @Test
  void reportsBrokenContractInDirectory() throws Exception {
    Files.writeString(dir.resolve("sample.yaml"), CONTRACT.replace("string", "text"));
    DirectoryContractRepository repository = new DirectoryContractRepository(dir);

    assertThatThrownBy(() -> repository.find("sample"))
        .isInstanceOf(ContractException.class)
        .hasMessage(
            "Cannot load contract sample.yaml: columns[0].type: unknown type 'text' (expected string, boolean, int, long, double, decimal(p,s), date or timestamp)");
  }

  @Test
  void findsContractInObjectStoreUnderPrefixAndCachesIt() {
    FakeObjectStore store = new FakeObjectStore();
    store.objects.put("config/datasets/sample.yaml", CONTRACT);
    ObjectStoreContractRepository repository =
        new ObjectStoreContractRepository(store, "config", "datasets/");

    DatasetContract first = repository.find("sample").orElseThrow();
    DatasetContract second = repository.find("sample").orElseThrow();

    assertThat(first.name()).isEqualTo("sample");
    assertThat(second).isSameAs(first);
    assertThat(store.opened).containsExactly("config/datasets/sample.yaml");
    assertThat(store.heads).containsExactly("config/datasets/sample.yaml");
  }

  @Test
  void findsNothingInObjectStoreForUnknownOrInvalidDataset() {
    FakeObjectStore store = new FakeObjectStore();
    ObjectStoreContractRepository repository =
        new ObjectStoreContractRepository(store, "config", "datasets/");

    assertThat(repository.find("missing")).isEmpty();
    assertThat(repository.find("../secrets")).isEmpty();
    assertThat(store.heads).containsExactly("config/datasets/missing.yaml");
    assertThat(store.opened).isEmpty();
  }

  @Test
  void reportsBrokenContractInObjectStore() {
    FakeObjectStore store = new FakeObjectStore();
    store.objects.put("config/sample.yaml", CONTRACT.replace("name: sample", "name: other"));
    ObjectStoreContractRepository repository =
        new ObjectStoreContractRepository(store, "config", "");

    assertThatThrownBy(() -> repository.find("sample"))
        .isInstanceOf(ContractException.class)
        .hasMessage(
            "Cannot load contract sample.yaml: name: 'other' does not match the file name sample.yaml");
  }

  @Test
  void readsAContractAgainOnceItsFileChangedSoARaisedVersionTakesEffect() throws Exception {
    Path file = dir.resolve("sample.yaml");
    Files.writeString(file, CONTRACT);
    DirectoryContractRepository repository = new DirectoryContractRepository(dir, Duration.ZERO);
    DatasetContract first = repository.find("sample").orElseThrow();
    String firstRevision = repository.revision("sample").orElseThrow();

    Files.writeString(file, CONTRACT.replace("version: 1", "version: 12"));
    DatasetContract second = repository.find("sample").orElseThrow();

    assertThat(first.version()).isEqualTo(1);
    assertThat(second.version()).isEqualTo(12);
    assertThat(repository.revision("sample")).isPresent().get().isNotEqualTo(firstRevision);
  }

  @Test
  void keepsABrokenContractAsItsFailureUntilTheFileChanges() throws Exception {
    Path file = dir.resolve("sample.yaml");
    Files.writeString(file, CONTRACT.replace("string", "text"));
    DirectoryContractRepository repository = new DirectoryContractRepository(dir, Duration.ZERO);

    Throwable first = catchThrowable(() -> repository.find("sample"));
    Throwable again = catchThrowable(() -> repository.find("sample"));
    Files.writeString(file, CONTRACT);

    assertThat(first).isInstanceOf(ContractException.class);
    assertThat(again).as("not parsed again while unchanged").isSameAs(first);
    assertThat(repository.find("sample")).map(DatasetContract::name).contains("sample");
  }

  @Test
  void forgetsAContractWhoseFileWasRemoved() throws Exception {
    Path file = dir.resolve("sample.yaml");
    Files.writeString(file, CONTRACT);
    DirectoryContractRepository repository = new DirectoryContractRepository(dir, Duration.ZERO);
    repository.find("sample").orElseThrow();

    Files.delete(file);

    assertThat(repository.find("sample")).isEmpty();
    assertThat(repository.revision("sample")).isEmpty();
  }

  @Test
  void readsAnObjectAgainOnlyWhenItsETagChanged() {
    FakeObjectStore store = new FakeObjectStore();
    store.objects.put("config/datasets/sample.yaml", CONTRACT);
    ObjectStoreContractRepository repository =
        new ObjectStoreContractRepository(store, "config", "datasets/", Duration.ZERO);

    DatasetContract first = repository.find("sample").orElseThrow();
    DatasetContract unchanged = repository.find("sample").orElseThrow();
    store.objects.put("config/datasets/sample.yaml", CONTRACT.replace("version: 1", "version: 3"));
    DatasetContract raised = repository.find("sample").orElseThrow();

    assertThat(unchanged).isSameAs(first);
    assertThat(raised.version()).isEqualTo(3);
    assertThat(store.opened).hasSize(2);
    assertThat(store.heads).hasSize(3);
  }

  @Test
  void takesTheETagsOfAListingSoNoHeadIsNeededWithinTheInterval() {
    FakeObjectStore store = new FakeObjectStore();
    store.objects.put("config/datasets/sample.yaml", CONTRACT);
    ObjectStoreContractRepository repository =
        new ObjectStoreContractRepository(store, "config", "datasets/", Duration.ofHours(1));

    List<String> names = repository.names();
    Optional<String> revision = repository.revision("sample");
    repository.find("sample").orElseThrow();

    assertThat(names).containsExactly("sample");
    assertThat(revision).contains(Integer.toHexString(CONTRACT.hashCode()));
    assertThat(store.heads).isEmpty();
    assertThat(store.opened).containsExactly("config/datasets/sample.yaml");
  }

  /** Just enough of an object store to serve reads. */
  @Test
  void namesTheDatasetsInDirectorySortedWithoutReservedOrForeignFiles() throws Exception {
    Files.writeString(dir.resolve("zeta.yaml"), CONTRACT);
    Files.writeString(dir.resolve("alpha.yaml"), CONTRACT);
    Files.writeString(dir.resolve("access.yaml"), "roles: {}");
    Files.writeString(dir.resolve("Bad-Name.yaml"), CONTRACT);
    Files.writeString(dir.resolve("notes.txt"), "x");
    Files.createDirectories(dir.resolve("reports"));

    assertThat(new DirectoryContractRepository(dir).names()).containsExactly("alpha", "zeta");
    assertThat(new DirectoryContractRepository(dir.resolve("missing")).names()).isEmpty();
  }

  @Test
  void namesTheDatasetsDirectlyUnderThePrefixInObjectStore() {
    io.strata.core.store.InMemoryObjectStore store = new io.strata.core.store.InMemoryObjectStore();
    byte[] yaml = CONTRACT.getBytes(StandardCharsets.UTF_8);
    store.put("config", "datasets/telecom.yaml", yaml, "application/yaml");
    store.put("config", "datasets/bank.yaml", yaml, "application/yaml");
    store.put("config", "datasets/access.yaml", yaml, "application/yaml");
    store.put("config", "datasets/reports/daily.sql", yaml, "text/plain");
    store.put("config", "datasets/old/bank.yaml", yaml, "application/yaml");
    store.put("config", "other/x.yaml", yaml, "application/yaml");

    assertThat(new ObjectStoreContractRepository(store, "config", "datasets/").names())
        .containsExactly("bank", "telecom");
  }

  private static final class FakeObjectStore implements ObjectStore {

    final Map<String, String> objects = new HashMap<>();
    final List<String> opened = new ArrayList<>();
    final List<String> heads = new ArrayList<>();

    @Override
    public InputStream open(String bucket, String key) {
      opened.add(bucket + "/" + key);
      String content = objects.get(bucket + "/" + key);
      if (content == null) {
        throw new ObjectNotFoundException(bucket, key);
      }
      return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Optional<ObjectInfo> head(String bucket, String key) {
      heads.add(bucket + "/" + key);
      return Optional.ofNullable(objects.get(bucket + "/" + key)).map(c -> info(bucket, key, c));
    }

    private static ObjectInfo info(String bucket, String key, String content) {
      return new ObjectInfo(
          bucket, key, content.length(), Integer.toHexString(content.hashCode()), null, null);
    }

    @Override
    public void put(String bucket, String key, byte[] content, String contentType) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean putIfAbsent(String bucket, String key, byte[] content, String contentType) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ObjectWriter create(String bucket, String key, String contentType) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void copy(String sourceBucket, String sourceKey, String targetBucket, String targetKey) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void delete(String bucket, String key) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<ObjectInfo> list(String bucket, String prefix) {
      return objects.entrySet().stream()
          .filter(e -> e.getKey().startsWith(bucket + "/" + prefix))
          .map(e -> info(bucket, e.getKey().substring(bucket.length() + 1), e.getValue()))
          .sorted(java.util.Comparator.comparing(ObjectInfo::key))
          .toList();
    }
  }
}
