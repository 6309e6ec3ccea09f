package io.strata.local.catalog;

import io.strata.aws.glue.CatalogConfig;
import io.strata.local.LocalLakeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;

/**
 * Gives the local lake its file-backed catalog; as a {@link io.strata.core.catalog.Catalog} bean it
 * takes the place of the default Glue catalog.
 */
@ApplicationScoped
public class LocalCatalogWiring {

  @Produces
  @ApplicationScoped
  LocalCatalog localCatalog(LocalLakeConfig config, CatalogConfig catalog) {
    return new LocalCatalog(
        Path.of(config.dataDir()).resolve(".strata").resolve("catalog"), catalog.database());
  }
}
