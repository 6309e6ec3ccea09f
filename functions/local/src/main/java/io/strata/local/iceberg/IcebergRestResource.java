package io.strata.local.iceberg;

import io.quarkus.arc.ClientProxy;
import io.strata.local.LocalLakeConfig;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.inject.Inject;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.CatalogHandlers;
import org.apache.iceberg.rest.RESTUtil;
import org.apache.iceberg.rest.requests.UpdateTableRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Iceberg REST catalog protocol over the local lake's own catalog, at {@code /iceberg/v1}: the
 * routes of the protocol's read and commit endpoints, each delegating to Iceberg's {@link
 * CatalogHandlers}. Served only with {@code strata.local.iceberg-rest.enabled} (otherwise every
 * route is the API's 404 for an unknown route) and only to callers on this machine ({@link
 * Loopback}). No role rule applies here: an attached engine reads whole tables.
 */
@Path("/iceberg/v1")
@Produces(MediaType.APPLICATION_JSON)
public class IcebergRestResource {

  private static final String NAMESPACE = "/namespaces/{namespace}";
  private static final String TABLE = NAMESPACE + "/tables/{table}";

  private final LocalLakeConfig config;
  private final Catalog catalog;
  private final ClientSettings settings;

  @Inject
  IcebergRestResource(
      LocalLakeConfig config,
      Catalog catalog,
      @ConfigProperty(name = "quarkus.s3.aws.region") String region,
      @ConfigProperty(name = "quarkus.s3.aws.credentials.static-provider.access-key-id")
          String accessKeyId,
      @ConfigProperty(name = "quarkus.s3.aws.credentials.static-provider.secret-access-key")
          String secretAccessKey) {
    this.config = config;
    this.catalog = catalog;
    String host = config.s3Host();
    boolean anyInterface = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    this.settings =
        new ClientSettings(
            "http://" + Loopback.urlHost(anyInterface ? "127.0.0.1" : host) + ":" + config.s3Port(),
            region,
            accessKeyId,
            secretAccessKey);
  }

  @GET
  @Path("/config")
  public Response config(@Context HttpServerRequest http) {
    return serve(http, "GET /v1/config", settings::response);
  }

  @GET
  @Path("/namespaces")
  public Response listNamespaces(
      @Context HttpServerRequest http,
      @QueryParam("parent") @Encoded String parent,
      @QueryParam("pageToken") String pageToken,
      @QueryParam("pageSize") String pageSize) {
    return serve(
        http,
        "GET /v1/namespaces",
        () -> {
          Namespace under = parent == null ? Namespace.empty() : RESTUtil.decodeNamespace(parent);
          return pageSize == null
              ? CatalogHandlers.listNamespaces(namespaces(), under)
              : CatalogHandlers.listNamespaces(namespaces(), under, pageToken, pageSize);
        });
  }

  @GET
  @Path(NAMESPACE)
  public Response loadNamespace(
      @Context HttpServerRequest http, @PathParam("namespace") @Encoded String namespace) {
    return serve(
        http,
        "GET /v1" + NAMESPACE,
        () -> CatalogHandlers.loadNamespace(namespaces(), RESTUtil.decodeNamespace(namespace)));
  }

  @HEAD
  @Path(NAMESPACE)
  public Response namespaceExists(
      @Context HttpServerRequest http, @PathParam("namespace") @Encoded String namespace) {
    return serve(
        http,
        "HEAD /v1" + NAMESPACE,
        () -> {
          CatalogHandlers.namespaceExists(namespaces(), RESTUtil.decodeNamespace(namespace));
          return null;
        });
  }

  @GET
  @Path(NAMESPACE + "/tables")
  public Response listTables(
      @Context HttpServerRequest http,
      @PathParam("namespace") @Encoded String namespace,
      @QueryParam("pageToken") String pageToken,
      @QueryParam("pageSize") String pageSize) {
    return serve(
        http,
        "GET /v1" + NAMESPACE + "/tables",
        () -> {
          Namespace in = RESTUtil.decodeNamespace(namespace);
          return pageSize == null
              ? CatalogHandlers.listTables(catalog(), in)
              : CatalogHandlers.listTables(catalog(), in, pageToken, pageSize);
        });
  }

  @GET
  @Path(TABLE)
  public Response loadTable(
      @Context HttpServerRequest http,
      @PathParam("namespace") @Encoded String namespace,
      @PathParam("table") @Encoded String table) {
    return serve(
        http,
        "GET /v1" + TABLE,
        () -> CatalogHandlers.loadTable(catalog(), identifier(namespace, table)));
  }

  @HEAD
  @Path(TABLE)
  public Response tableExists(
      @Context HttpServerRequest http,
      @PathParam("namespace") @Encoded String namespace,
      @PathParam("table") @Encoded String table) {
    return serve(
        http,
        "HEAD /v1" + TABLE,
        () -> {
          CatalogHandlers.tableExists(catalog(), identifier(namespace, table));
          return null;
        });
  }

  /**
   * Commits to an existing table through the lake's catalog, conditional on the metadata the client
   * read (a conflicting commit is 409), after {@link CommitGuard} let the changes through.
   */
  @POST
  @Path(TABLE)
  public Response updateTable(
      @Context HttpServerRequest http,
      @PathParam("namespace") @Encoded String namespace,
      @PathParam("table") @Encoded String table,
      String body) {
    return serve(
        http,
        "POST /v1" + TABLE,
        () -> {
          TableIdentifier target = identifier(namespace, table);
          UpdateTableRequest request = IcebergJson.read(body, UpdateTableRequest.class);
          CommitGuard.check(target, request);
          return CatalogHandlers.updateTable(catalog(), target, request);
        });
  }

  /**
   * Answers one call: a 404 like any unknown route while the endpoint is off, 403 for a caller on
   * another machine, the message as JSON (no content for {@code null}) or the protocol's error.
   */
  private Response serve(HttpServerRequest http, String route, Supplier<Object> call) {
    if (!config.icebergRest().enabled()) {
      throw new NotFoundException();
    }
    SocketAddress caller = http.remoteAddress();
    if (!Loopback.isLoopback(caller == null ? null : caller.hostAddress())) {
      return IcebergErrors.answer(
          403,
          "ForbiddenException",
          "Cannot serve "
              + route
              + ": the lake's Iceberg REST catalog answers callers on this machine only");
    }
    try {
      Object answer = call.get();
      return answer == null
          ? Response.noContent().build()
          : Response.ok(IcebergJson.write(answer), MediaType.APPLICATION_JSON_TYPE).build();
    } catch (RuntimeException e) {
      return IcebergErrors.answer(route, e);
    }
  }

  private Catalog catalog() {
    return ClientProxy.unwrap(catalog);
  }

  private SupportsNamespaces namespaces() {
    if (catalog() instanceof SupportsNamespaces namespaces) {
      return namespaces;
    }
    throw new UnsupportedOperationException("Cannot list namespaces: the catalog has none");
  }

  private static TableIdentifier identifier(String namespace, String table) {
    return TableIdentifier.of(RESTUtil.decodeNamespace(namespace), RESTUtil.decodeString(table));
  }
}
