package io.strata.local.iceberg;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.rest.Endpoint;
import org.apache.iceberg.rest.responses.ConfigResponse;

/**
 * What {@code GET /v1/config} tells a client: how to reach the table files in the local S3 server
 * and which of the protocol's endpoints this catalog serves, so a client given only the catalog's
 * URI can read rows and never calls an endpoint that is not there.
 *
 * <p>The S3 endpoint and path-style access are overrides: the lake's files are reachable no other
 * way. Region and credentials are defaults a client may replace (the local server checks none; S3
 * clients need some). The HTTP client is the AWS SDK's url-connection one, which Iceberg's {@code
 * S3FileIO} otherwise replaces with the Apache client a client may not carry.
 *
 * @param s3Endpoint the local S3 server, e.g. {@code http://127.0.0.1:4566}
 * @param region the region S3 clients sign for
 * @param accessKeyId any key id: the local server takes every one
 * @param secretAccessKey any secret
 */
record ClientSettings(
    String s3Endpoint, String region, String accessKeyId, String secretAccessKey) {

  /**
   * The endpoints served: reading namespaces and tables, and committing to an existing table.
   * Creating, dropping, renaming and registering tables or namespaces is left to the lake.
   */
  static final List<Endpoint> ENDPOINTS =
      List.of(
          Endpoint.V1_LIST_NAMESPACES,
          Endpoint.V1_LOAD_NAMESPACE,
          Endpoint.V1_NAMESPACE_EXISTS,
          Endpoint.V1_LIST_TABLES,
          Endpoint.V1_LOAD_TABLE,
          Endpoint.V1_TABLE_EXISTS,
          Endpoint.V1_UPDATE_TABLE);

  ConfigResponse response() {
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("s3.endpoint", s3Endpoint);
    overrides.put("s3.path-style-access", "true");
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("client.region", region);
    defaults.put("s3.region", region);
    defaults.put("s3.access-key-id", accessKeyId);
    defaults.put("s3.secret-access-key", secretAccessKey);
    defaults.put("http-client.type", "urlconnection");
    defaults.put(CatalogProperties.FILE_IO_IMPL, "org.apache.iceberg.aws.s3.S3FileIO");
    return ConfigResponse.builder()
        .withOverrides(overrides)
        .withDefaults(defaults)
        .withEndpoints(ENDPOINTS)
        .build();
  }
}
