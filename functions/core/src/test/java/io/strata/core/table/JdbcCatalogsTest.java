package io.strata.core.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.store.FileSystemObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
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
      // Besides catalog.mv.db, H2 may leave a trace file: the close watcher of another test's
      // connection, collected meanwhile, writes its warning into the database open at the time.
      try (Stream<Path> files = Files.walk(relative.getParent())) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
    assertThat(relative.isAbsolute()).isFalse();
  }
}
