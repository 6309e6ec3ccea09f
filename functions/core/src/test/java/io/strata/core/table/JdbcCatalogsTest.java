package io.strata.core.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.store.FileSystemObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcCatalogsTest {

  @TempDir Path lake;

  @Test
  void opensACatalogFileGivenARelativePathAsTheBenchmarkAndTheLocalLakeDo() throws Exception {
    // H2 refuses "target/x" (only "./target/x" or absolute); the working directory is the module.
    Path relative = Path.of("target", "catalog-" + UUID.randomUUID(), "catalog");
    try (JdbcCatalog catalog =
        JdbcCatalogs.h2File(
            relative, "strata", new ObjectStoreFileIO(new FileSystemObjectStore(lake)))) {
      assertThat(catalog.namespaceExists(Namespace.of("strata"))).isTrue();
    } finally {
      Files.deleteIfExists(relative.resolveSibling("catalog.mv.db"));
      Files.deleteIfExists(relative.getParent());
    }
    assertThat(relative.isAbsolute()).isFalse();
  }
}
