package io.strata.local.catalog;

import io.strata.aws.glue.CatalogConfig;
import io.strata.core.store.ObjectStore;
import io.strata.core.table.JdbcCatalogs;
import io.strata.core.table.ObjectStoreFileIO;
import io.strata.local.LakeState;
import io.strata.local.LocalLakeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.iceberg.catalog.Catalog;

/**
 * Gives the local lake its persistent Iceberg catalog in place of Glue: Iceberg's JDBC catalog on
 * an embedded H2 database in the lake's state directory ({@code catalog.mv.db}), with table files
 * read and written through the in-process S3 server.
 */
@ApplicationScoped
public class LocalCatalogWiring {

  @Produces
  @ApplicationScoped
  Catalog localCatalog(LocalLakeConfig config, CatalogConfig catalog, ObjectStore store) {
    LakeState lake = config.state();
    Path state = lake.dir();
    try {
      Files.createDirectories(state);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the local lake's state directory " + state, e);
    }
    return JdbcCatalogs.h2File(
        lake.catalogDatabase(), catalog.database(), new ObjectStoreFileIO(store));
  }
}
