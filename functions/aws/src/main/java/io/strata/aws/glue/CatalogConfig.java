package io.strata.aws.glue;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration of the Iceberg catalog the history tables live in: Iceberg's {@code GlueCatalog} on
 * the Glue Data Catalog. Every key can be set as an environment variable ({@code
 * strata.catalog.database} → {@code STRATA_CATALOG_DATABASE}).
 */
@ConfigMapping(prefix = "strata.catalog")
public interface CatalogConfig {

  /**
   * The Glue database that holds one Iceberg table per dataset; it must exist (the infrastructure
   * makes it). In the local lake, the namespace of its JDBC catalog.
   */
  String database();

  /** The Glue client. */
  Glue glue();

  /**
   * More properties for Iceberg's {@code GlueCatalog} and its {@code S3FileIO}, e.g. {@code
   * strata.catalog.properties."s3.endpoint"} in tests. Unset in AWS: region and credentials come
   * from the function's environment.
   */
  Map<String, String> properties();

  /** Settings of the Glue client. */
  interface Glue {

    /**
     * Another Glue endpoint than the region's, e.g. {@code http://localhost:8089} for a stand-in in
     * tests. Unset in AWS.
     */
    @WithName("endpoint-override")
    Optional<URI> endpointOverride();
  }
}
