package io.strata.aws.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful stand-in for the Glue Data Catalog at its HTTP edge (the JSON 1.1 protocol the SDK
 * speaks), enough for Iceberg's {@code GlueCatalog}: databases, and tables that keep what {@code
 * CreateTable} and {@code UpdateTable} stored, listed by {@code GetTables} in pages of {@value
 * #PAGE_SIZE} (so callers must follow {@code NextToken}, as with Glue's own pages). Like Glue, an
 * {@code UpdateTable} that names a {@code VersionId} other than the table's current one fails with
 * {@code ConcurrentModificationException}, so concurrent Iceberg commits race as they do in AWS. It
 * can be told to throttle the next requests of an action. Thread-safe.
 */
public final class GlueFake implements AutoCloseable {

  private static final String JSON = "application/x-amz-json-1.1";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Tables per {@code GetTables} page: small, so that paging is exercised. */
  public static final int PAGE_SIZE = 2;

  private record StoredTable(ObjectNode input, int version) {}

  private final HttpServer server;
  private final Set<String> databases = ConcurrentHashMap.newKeySet();
  private final Map<String, StoredTable> tables = new HashMap<>();
  private final Map<String, AtomicInteger> throttled = new ConcurrentHashMap<>();
  private final List<String> actions = new CopyOnWriteArrayList<>();
  private final AtomicInteger conflicts = new AtomicInteger();

  /** Starts on a free loopback port with the given databases. */
  public GlueFake(String... databaseNames) {
    databases.addAll(List.of(databaseNames));
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(16));
    server.start();
  }

  /** The endpoint to point a Glue client at. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Every action called, in order ({@code GetTable}, {@code UpdateTable}, …). */
  public List<String> actions() {
    return List.copyOf(actions);
  }

  /** How many UpdateTable calls named a stale VersionId. */
  public int conflicts() {
    return conflicts.get();
  }

  /** The parameters of a stored table, or null. */
  public synchronized Map<String, String> tableParameters(String database, String table) {
    StoredTable stored = tables.get(database + "." + table);
    if (stored == null) {
      return null;
    }
    Map<String, String> parameters = new HashMap<>();
    stored
        .input()
        .path("Parameters")
        .fields()
        .forEachRemaining(e -> parameters.put(e.getKey(), e.getValue().asText()));
    return parameters;
  }

  /**
   * Sets a parameter of a stored table as another writer would, without a version check: lets a
   * test point a table at metadata it prepared.
   */
  public synchronized void setTableParameter(
      String database, String table, String key, String value) {
    StoredTable stored = tables.get(database + "." + table);
    ObjectNode input = stored.input().deepCopy();
    input.with("Parameters").put(key, value);
    tables.put(database + "." + table, new StoredTable(input, stored.version() + 1));
  }

  /** Answers the next {@code times} requests of the action with {@code ThrottlingException}. */
  public void throttle(String action, int times) {
    throttled.put(action, new AtomicInteger(times));
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String action = target == null ? "" : target.substring(target.indexOf('.') + 1);
      actions.add(action);
      JsonNode request = MAPPER.readTree(exchange.getRequestBody().readAllBytes());
      AtomicInteger throttles = throttled.get(action);
      if (throttles != null && throttles.getAndDecrement() > 0) {
        error(exchange, "ThrottlingException", "Rate exceeded");
        return;
      }
      switch (action) {
        case "GetDatabase" -> getDatabase(exchange, request);
        case "GetTable" -> getTable(exchange, request);
        case "GetTables" -> getTables(exchange, request);
        case "CreateTable" -> createTable(exchange, request);
        case "UpdateTable" -> updateTable(exchange, request);
        default -> error(exchange, "InvalidInputException", "The fake does not know " + action);
      }
    }
  }

  private void getDatabase(HttpExchange exchange, JsonNode request) throws IOException {
    String name = request.path("Name").asText();
    if (!databases.contains(name)) {
      error(exchange, "EntityNotFoundException", "Database " + name + " not found.");
      return;
    }
    ObjectNode answer = MAPPER.createObjectNode();
    answer.putObject("Database").put("Name", name);
    ok(exchange, answer);
  }

  private void getTable(HttpExchange exchange, JsonNode request) throws IOException {
    String database = request.path("DatabaseName").asText();
    String name = request.path("Name").asText();
    StoredTable stored;
    synchronized (this) {
      stored = tables.get(database + "." + name);
    }
    if (!databases.contains(database)) {
      error(exchange, "EntityNotFoundException", "Database " + database + " not found.");
      return;
    }
    if (stored == null) {
      error(exchange, "EntityNotFoundException", "Table " + name + " not found.");
      return;
    }
    ObjectNode table = stored.input().deepCopy();
    table.put("DatabaseName", database);
    table.put("VersionId", Integer.toString(stored.version()));
    ObjectNode answer = MAPPER.createObjectNode();
    answer.set("Table", table);
    ok(exchange, answer);
  }

  /** A page of a database's tables in name order; {@code NextToken} is the next page's first. */
  private void getTables(HttpExchange exchange, JsonNode request) throws IOException {
    String database = request.path("DatabaseName").asText();
    if (!databases.contains(database)) {
      error(exchange, "EntityNotFoundException", "Database " + database + " not found.");
      return;
    }
    String from = request.path("NextToken").asText("");
    List<String> names;
    Map<String, StoredTable> page = new TreeMap<>();
    synchronized (this) {
      names =
          tables.keySet().stream()
              .filter(k -> k.startsWith(database + "."))
              .map(k -> k.substring(database.length() + 1))
              .filter(n -> n.compareTo(from) >= 0)
              .sorted()
              .toList();
      names.stream().limit(PAGE_SIZE).forEach(n -> page.put(n, tables.get(database + "." + n)));
    }
    ObjectNode answer = MAPPER.createObjectNode();
    var list = answer.putArray("TableList");
    page.forEach(
        (name, stored) -> {
          ObjectNode table = stored.input().deepCopy();
          table.put("DatabaseName", database);
          table.put("VersionId", Integer.toString(stored.version()));
          list.add(table);
        });
    if (names.size() > PAGE_SIZE) {
      answer.put("NextToken", names.get(PAGE_SIZE));
    }
    ok(exchange, answer);
  }

  private void createTable(HttpExchange exchange, JsonNode request) throws IOException {
    String database = request.path("DatabaseName").asText();
    ObjectNode input = (ObjectNode) request.path("TableInput");
    String key = database + "." + input.path("Name").asText();
    if (!databases.contains(database)) {
      error(exchange, "EntityNotFoundException", "Database " + database + " not found.");
      return;
    }
    synchronized (this) {
      if (tables.containsKey(key)) {
        error(exchange, "AlreadyExistsException", "Table already exists.");
        return;
      }
      tables.put(key, new StoredTable(input, 1));
    }
    ok(exchange, MAPPER.createObjectNode());
  }

  private void updateTable(HttpExchange exchange, JsonNode request) throws IOException {
    String database = request.path("DatabaseName").asText();
    ObjectNode input = (ObjectNode) request.path("TableInput");
    String key = database + "." + input.path("Name").asText();
    synchronized (this) {
      StoredTable stored = tables.get(key);
      if (stored == null) {
        error(exchange, "EntityNotFoundException", "Table not found.");
        return;
      }
      String version = request.path("VersionId").asText(null);
      if (version != null && !version.equals(Integer.toString(stored.version()))) {
        conflicts.incrementAndGet();
        error(
            exchange,
            "ConcurrentModificationException",
            "Update table failed due to concurrent modifications.");
        return;
      }
      tables.put(key, new StoredTable(input, stored.version() + 1));
    }
    ok(exchange, MAPPER.createObjectNode());
  }

  private static void ok(HttpExchange exchange, JsonNode body) throws IOException {
    send(exchange, 200, body);
  }

  private static void error(HttpExchange exchange, String type, String message) throws IOException {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("__type", type);
    body.put("Message", message);
    exchange.getResponseHeaders().add("x-amzn-ErrorType", type);
    send(exchange, 400, body);
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = MAPPER.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", JSON);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
