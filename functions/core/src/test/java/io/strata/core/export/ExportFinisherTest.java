package io.strata.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.query.QueryLabel;
import io.strata.core.query.QueryState;
import io.strata.core.query.QueryStatus;
import io.strata.core.query.SqlStatement;
import io.strata.core.store.InMemoryObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ExportFinisherTest {

  private static final String BUCKET = "analytics";
  private static final String FOLDER = "exports/telecom_usage/20240115T000000Z-0a1b2c3d/";
  private static final Instant SUBMITTED = Instant.parse("2024-01-15T10:00:00Z");
  private static final Instant COMPLETED = Instant.parse("2024-01-15T10:00:07Z");

  private final InMemoryObjectStore store = new InMemoryObjectStore();
  private final ExportFinisher finisher = new ExportFinisher(store, BUCKET);

  @Test
  void succeededExportGetsItsManifestListingTheUnloadedFiles() {
    unloaded("data/b.parquet", "data/a.parquet");

    ExportManifest manifest =
        finisher.finish(status(exportLabel("telecom_usage"), QueryState.SUCCEEDED)).orElseThrow();

    assertThat(manifest.exportId()).isEqualTo("20240115T000000Z-0a1b2c3d");
    assertThat(manifest.files())
        .containsExactly(
            "s3://analytics/" + FOLDER + "data/a.parquet",
            "s3://analytics/" + FOLDER + "data/b.parquet");
    assertThat(manifest.rowCount()).isEqualTo(42L);
    assertThat(manifest.createdAt()).isEqualTo(COMPLETED);
    assertThat(manifest.principal())
        .isEqualTo("arn:aws:iam::123456789012:role/StrataDataScientist");
    assertThat(manifestText()).contains("\"contractVersion\" : 3");
  }

  @Test
  void racingFinishersWriteOneManifestAndAllAnswerWithIt() throws Exception {
    unloaded("data/a.parquet");
    QueryStatus done = status(exportLabel("telecom_usage"), QueryState.SUCCEEDED);
    int racers = 8;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      List<Future<ExportManifest>> answers = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        Callable<ExportManifest> finish =
            () -> {
              go.await();
              return new ExportFinisher(store, BUCKET).finish(done).orElseThrow();
            };
        answers.add(pool.submit(finish));
      }
      go.countDown();
      ExportManifest first = answers.get(0).get();
      for (Future<ExportManifest> answer : answers) {
        assertThat(answer.get()).isEqualTo(first);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.keys(BUCKET)).filteredOn(k -> k.endsWith("manifest.json")).hasSize(1);
  }

  @Test
  void failedOrCancelledExportGetsNoManifest() {
    unloaded("data/partial.parquet");

    assertThat(finisher.finish(status(exportLabel("telecom_usage"), QueryState.FAILED))).isEmpty();
    assertThat(finisher.finish(status(exportLabel("telecom_usage"), QueryState.CANCELLED)))
        .isEmpty();
    assertThat(finisher.finish(status(exportLabel("telecom_usage"), QueryState.RUNNING))).isEmpty();

    assertThat(store.keys(BUCKET)).noneMatch(k -> k.endsWith("manifest.json"));
  }

  @Test
  void queryThatIsNoExportIsLeftAlone() {
    QueryLabel query =
        new QueryLabel(
            "query",
            "arn:aws:iam::123456789012:role/Analyst",
            "analyst",
            "telecom_usage",
            null,
            "current",
            null,
            3,
            null,
            List.of(),
            List.of());

    assertThat(finisher.finish(status(query, QueryState.SUCCEEDED))).isEmpty();
    assertThat(
            finisher.finish(
                new QueryStatus(
                    "q-1", QueryState.SUCCEEDED, "SELECT 1", null, 0, 1L, SUBMITTED, COMPLETED)))
        .isEmpty();
    assertThat(store.keys(BUCKET)).isEmpty();
  }

  @Test
  void labelWhoseNamesWouldLeaveTheExportFolderIsRefused() {
    QueryStatus escaping = status(exportLabel("../contracts"), QueryState.SUCCEEDED);

    assertThatThrownBy(() -> finisher.finish(escaping))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot name the export folder: '???contracts' is not a dataset name");
    assertThat(store.keys(BUCKET)).isEmpty();
  }

  private void unloaded(String... files) {
    for (String file : files) {
      store.put(BUCKET, FOLDER + file, new byte[] {1, 2, 3}, "application/octet-stream");
    }
  }

  private String manifestText() {
    return new String(
        store.object(BUCKET, FOLDER + "manifest.json").orElseThrow().content(),
        StandardCharsets.UTF_8);
  }

  private static QueryLabel exportLabel(String dataset) {
    return new QueryLabel(
        "export",
        "arn:aws:iam::123456789012:role/StrataDataScientist",
        "data-scientist",
        dataset,
        null,
        "current",
        "2024-01-15T00:00:00Z",
        3,
        "20240115T000000Z-0a1b2c3d",
        List.of("event_id", "duration_seconds"),
        List.of());
  }

  private static QueryStatus status(QueryLabel label, QueryState state) {
    String sql = label.applyTo(new SqlStatement("UNLOAD (SELECT 1) TO 'x'", List.of())).sql();
    return new QueryStatus(
        "q-1",
        state,
        sql,
        state == QueryState.FAILED ? "boom" : null,
        0,
        state == QueryState.SUCCEEDED ? 42L : null,
        SUBMITTED,
        state.done() ? COMPLETED : null);
  }
}
