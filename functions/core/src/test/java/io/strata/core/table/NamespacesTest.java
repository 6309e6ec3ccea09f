package io.strata.core.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.testing.TestCatalogs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamespacesTest {

  @TempDir Path lake;

  @Test
  void writersRacingToCreateTheSameNamespaceAllSucceed() throws Exception {
    JdbcCatalog catalog = TestCatalogs.inMemory(new FileSystemObjectStore(lake));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 20; round++) {
        Namespace namespace = Namespace.of("race_" + round);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
          writers.add(
              pool.submit(
                  () -> {
                    start.await();
                    Namespaces.ensure(catalog, namespace);
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> writer : writers) {
          writer.get();
        }
        assertThat(catalog.namespaceExists(namespace)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anExistingNamespaceIsLeftAsItIs() {
    JdbcCatalog catalog = TestCatalogs.inMemory(new FileSystemObjectStore(lake));
    Namespace namespace = Namespace.of("kept");
    catalog.createNamespace(namespace, java.util.Map.of("owner", "test"));

    Namespaces.ensure(catalog, namespace);

    assertThat(catalog.loadNamespaceMetadata(namespace)).containsEntry("owner", "test");
  }
}
