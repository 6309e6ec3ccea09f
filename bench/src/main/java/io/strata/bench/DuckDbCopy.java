package io.strata.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * DuckDB's {@code COPY … TO … (FORMAT parquet, COMPRESSION zstd)} of the same CSV with the column
 * types of the contract, in this process, at a given number of threads: the reference Strata's
 * ingest is measured against.
 */
final class DuckDbCopy {

  private DuckDbCopy() {}

  static Measurement run(Path csv, Path out, int threads) throws Exception {
    Files.deleteIfExists(out);
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("SET threads = " + threads);
      String copy =
          "COPY (SELECT * FROM read_csv('"
              + csv
              + "', header = true, columns = {'transaction_id': 'VARCHAR', 'account_iban':"
              + " 'VARCHAR', 'booking_date': 'DATE', 'amount': 'DECIMAL(18,2)', 'currency':"
              + " 'VARCHAR', 'counterparty': 'VARCHAR', 'channel': 'VARCHAR'})) TO '"
              + out
              + "' (FORMAT parquet, COMPRESSION zstd)";
      return Measurement.of(() -> statement.execute(copy));
    }
  }
}
