package io.strata.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.contract.DatasetContract;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CatalogRegistrarTest {

  private static final CatalogRetry FAST = new CatalogRetry(3, Duration.ZERO, Duration.ZERO);

  private final InMemoryCatalog catalog = new InMemoryCatalog();
  private final CatalogRegistrar registrar = new CatalogRegistrar(catalog, "h", FAST);

  @Test
  void createsMissingTableAndRegistersBatchPartitions() {
    // given
    DatasetContract contract = Contracts.demo("bank_transactions");

    // when
    CatalogTable table = registrar.ensureTable(contract);
    registrar.registerPartitions(
        table, List.of("booking_date=2024-01-14", "booking_date=2024-01-15"));

    // then
    assertThat(catalog.table("bank_transactions").orElseThrow().withVersion(null))
        .isEqualTo(CatalogTableMapper.forContract(contract, "h"));
    assertThat(catalog.partitions("bank_transactions"))
        .extracting(CatalogPartition::values)
        .containsExactlyInAnyOrder(List.of("2024-01-14"), List.of("2024-01-15"));
  }

  @Test
  void treatsTableCreatedByAnotherWriterMeanwhileAsRegistered() {
    // given: another writer creates the table between our read and our create
    DatasetContract contract = Contracts.demo("bank_transactions");
    InMemoryCatalog racing =
        new InMemoryCatalog() {
          private boolean raced;

          @Override
          public synchronized void createTable(CatalogTable table) {
            if (!raced) {
              raced = true;
              super.createTable(table);
            }
            super.createTable(table);
          }
        };

    // when
    new CatalogRegistrar(racing, "h", FAST).ensureTable(contract);

    // then
    assertThat(racing.table("bank_transactions").orElseThrow().version()).isEqualTo("1");
  }

  @Test
  void updateThatLostTheRaceRereadsAndNeverUndoesTheWinnersColumn() {
    // given: v1 stored; a v3 writer (coupon and gift) updates between our read and our update
    catalog.createTable(CatalogTableMapper.forContract(Contracts.orders(1, "additive", ""), "h"));
    DatasetContract v2 = Contracts.orders(2, "additive", "  - {name: coupon, type: string}");
    DatasetContract v3 =
        Contracts.orders(
            3, "additive", "  - {name: coupon, type: string}\n  - {name: gift, type: boolean}");
    AtomicInteger updates = new AtomicInteger();
    InMemoryCatalog racing = new RacingCatalog(catalog, v3, updates);

    // when
    new CatalogRegistrar(racing, "h", FAST).ensureTable(v2);

    // then: our stale update failed, the re-read found v3 serving v2, nothing was undone
    CatalogTable stored = catalog.table("orders").orElseThrow();
    assertThat(stored.columns())
        .extracting(CatalogColumn::name)
        .containsSubsequence("price", "coupon", "gift", "_batch_id");
    assertThat(stored.contractVersion()).isEqualTo(3);
    assertThat(stored.version()).isEqualTo("2");
    assertThat(updates).hasValue(1);
  }

  @Test
  void givesUpAfterLosingEveryTry() {
    // given
    catalog.createTable(CatalogTableMapper.forContract(Contracts.orders(1, "additive", ""), "h"));
    InMemoryCatalog alwaysConflicting =
        new InMemoryCatalog() {
          @Override
          public java.util.Optional<CatalogTable> table(String name) {
            return catalog.table(name);
          }

          @Override
          public void updateTable(CatalogTable table) {
            throw new CatalogConflictException("Cannot update table orders: it moved on");
          }
        };
    DatasetContract v2 = Contracts.orders(2, "additive", "  - {name: coupon, type: string}");

    // when / then
    assertThatThrownBy(() -> new CatalogRegistrar(alwaysConflicting, "h", FAST).ensureTable(v2))
        .isInstanceOf(CatalogException.class)
        .isNotInstanceOf(CatalogConflictException.class)
        .hasMessage("Cannot register table orders: other writers changed it during each of 3 tries")
        .hasCauseInstanceOf(CatalogConflictException.class);
  }

  @Test
  void refusedChangeChangesNothing() {
    // given
    catalog.createTable(
        CatalogTableMapper.forContract(
            Contracts.orders(1, "additive", "  - {name: note, type: string}"), "h"));
    CatalogTable before = catalog.table("orders").orElseThrow();

    // when / then
    assertThatThrownBy(() -> registrar.ensureTable(Contracts.orders(2, "additive", "")))
        .isInstanceOf(SchemaChangeRefusedException.class)
        .hasMessage(
            "Cannot register contract orders v2 in the catalog: column note of table orders is"
                + " missing from contract orders v2: columns are never removed, the history"
                + " still holds them");
    assertThat(catalog.table("orders").orElseThrow()).isEqualTo(before);
  }

  @Test
  void registersNoPartitionsForProjectedTable() {
    // given
    DatasetContract contract =
        Contracts.yaml(
            """
            name: clicks
            version: 1
            format: jsonl
            columns:
              - {name: at, type: timestamp, required: true}
            partitions:
              - {name: event_date, source: at, transform: day}
            catalog:
              partition_projection: true
              projection_ranges: {event_date: "2024-01-01,NOW"}
            """);

    // when
    CatalogTable table = registrar.ensureTable(contract);
    registrar.registerPartitions(table, List.of("event_date=2024-05-01"));

    // then
    assertThat(catalog.table("clicks").orElseThrow().projected()).isTrue();
    assertThat(catalog.partitions("clicks")).isEmpty();
  }

  @Test
  void registersNothingForUnpartitionedTable() {
    // given
    DatasetContract contract =
        Contracts.yaml(
            """
            name: flat
            version: 1
            format: csv
            columns:
              - {name: id, type: string, required: true}
            """);

    // when
    CatalogTable table = registrar.ensureTable(contract);
    registrar.registerPartitions(table, List.of(""));

    // then
    assertThat(catalog.partitions("flat")).isEmpty();
    assertThat(catalog.table("flat")).isPresent();
  }

  /** Lets a rival writer store its contract's table between the first read and update. */
  private static final class RacingCatalog extends InMemoryCatalog {
    private final InMemoryCatalog target;
    private final DatasetContract rival;
    private final AtomicInteger updates;

    RacingCatalog(InMemoryCatalog target, DatasetContract rival, AtomicInteger updates) {
      this.target = target;
      this.rival = rival;
      this.updates = updates;
    }

    @Override
    public java.util.Optional<CatalogTable> table(String name) {
      return target.table(name);
    }

    @Override
    public void updateTable(CatalogTable table) {
      if (updates.incrementAndGet() == 1) {
        CatalogTable current = target.table(table.name()).orElseThrow();
        target.updateTable(
            CatalogTableMapper.forContract(rival, "h").withVersion(current.version()));
      }
      target.updateTable(table);
    }
  }
}
