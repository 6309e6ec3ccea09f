package io.strata.aws.glue;

import io.quarkus.arc.DefaultBean;
import io.strata.core.table.CommitRetry;
import io.strata.core.table.HistoryTables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.aws.glue.GlueCatalog;
import org.apache.iceberg.catalog.Catalog;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the functions Iceberg's {@code GlueCatalog} (commits conditional on Glue's {@code
 * VersionId}) with {@code S3FileIO} on the url-connection HTTP client, and the history tables over
 * it. The catalog is a default bean: an application with a catalog of its own (the local lake) just
 * produces one.
 */
@ApplicationScoped
public class GlueWiring {

  private static final Logger LOG = LoggerFactory.getLogger(GlueWiring.class);

  @Produces
  @ApplicationScoped
  @DefaultBean
  Catalog glueCatalog(CatalogConfig config) {
    GlueCatalog catalog = new GlueCatalog();
    catalog.initialize("glue", catalogProperties(config));
    return catalog;
  }

  void closeCatalog(@Disposes Catalog catalog) {
    if (catalog instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.warn("Cannot close the Iceberg catalog: {}", e.getMessage());
      }
    }
  }

  @Produces
  @ApplicationScoped
  HistoryTables historyTables(
      Catalog catalog,
      CatalogConfig config,
      @ConfigProperty(name = "strata.history-bucket") String historyBucket) {
    return new HistoryTables(catalog, config.database(), historyBucket, CommitRetry.DEFAULT);
  }

  /**
   * The GlueCatalog's properties: S3FileIO for table files, the url-connection HTTP client (the
   * functions carry neither the Apache nor the Netty client), the configured endpoint and extra
   * properties on top.
   */
  static Map<String, String> catalogProperties(CatalogConfig config) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(CatalogProperties.FILE_IO_IMPL, "org.apache.iceberg.aws.s3.S3FileIO");
    properties.put("http-client.type", "urlconnection");
    config
        .glue()
        .endpointOverride()
        .ifPresent(uri -> properties.put("glue.endpoint", uri.toString()));
    properties.putAll(config.properties());
    return properties;
  }
}
