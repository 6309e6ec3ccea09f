package io.strata.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * DuckDB's {@code COPY … TO … (FORMAT parquet, COMPRESSION zstd)} of the same CSV with the column
 * types of the contract, in this process, at a given number of threads: the reference Strata's
 * ingest is measured against. A second form writes what Strata writes, for reference only.
 */
final class DuckDbCopy {

  private static final String COLUMNS =
      "{'transaction_id': 'VARCHAR', 'account_iban': 'VARCHAR', 'booking_date': 'DATE', 'amount':"
          + " 'DECIMAL(18,2)', 'currency': 'VARCHAR', 'counterparty': 'VARCHAR', 'channel':"
          + " 'VARCHAR'}";

  private DuckDbCopy() {}

  /** The file's seven columns into one Parquet file: the reference of the targets. */
  static Measurement run(Path csv, Path out, int threads) throws Exception {
    Files.deleteIfExists(out);
    return copy(
        threads,
        "COPY (SELECT * FROM "
            + readCsv(csv)
            + ") TO '"
            + out
            + "' (FORMAT parquet, COMPRESSION zstd)");
  }

  /**
   * The shape of Strata's history instead: the lineage columns Strata adds to every row (batch id,
   * ingestion time, source key; DuckDB's CSV reader has no line number for the fourth) and one
   * folder per {@code booking_date}, the partition column kept in the files as Iceberg keeps it.
   */
  static Measurement runSameOutput(Path csv, Path outDir, int threads) throws Exception {
    Trees.delete(outDir);
    return copy(
        threads,
        "COPY (SELECT *, '000000000000000000000000' AS _batch_id, TIMESTAMP '2024-05-06 07:08:09' AS"
            + " _ingested_at, '"
            + StrataIngest.KEY
            + "' AS _source_key FROM "
            + readCsv(csv)
            + ") TO '"
            + outDir
            + "' (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (booking_date),"
            + " WRITE_PARTITION_COLUMNS true)");
  }

  private static String readCsv(Path csv) {
    return "read_csv('" + csv + "', header = true, columns = " + COLUMNS + ")";
  }

  private static Measurement copy(int threads, String copy) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("SET threads = " + threads);
      return Measurement.of(() -> statement.execute(copy));
    }
  }
}
