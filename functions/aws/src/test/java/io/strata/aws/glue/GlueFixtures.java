package io.strata.aws.glue;

import io.strata.core.catalog.CatalogColumn;
import io.strata.core.catalog.CatalogPartition;
import io.strata.core.catalog.CatalogTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small table as the core maps it from a contract, and its partitions. */
final class GlueFixtures {

  static final String LOCATION = "s3://strata-history/bank_transactions/";

  private GlueFixtures() {}

  static CatalogTable table() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("classification", "parquet");
    parameters.put("EXTERNAL", "TRUE");
    parameters.put("strata.contract_version", "2");
    return new CatalogTable(
        "bank_transactions",
        "Card and transfer transactions",
        List.of(
            new CatalogColumn("transaction_id", "string", "unique per source system"),
            new CatalogColumn("amount", "decimal(18,2)", ""),
            new CatalogColumn("_batch_id", "string", "batch that wrote the row")),
        List.of(new CatalogColumn("booking_date", "date", "UTC day of booked_at")),
        LOCATION,
        parameters,
        null);
  }

  static CatalogPartition partition(String day) {
    return new CatalogPartition(List.of(day), LOCATION + "booking_date=" + day + "/");
  }
}
