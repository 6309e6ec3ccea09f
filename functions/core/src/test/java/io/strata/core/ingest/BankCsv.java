package io.strata.core.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;

/**
 * Real-shaped bank_transactions CSV for the split tests: CRLF line ends, quoted fields holding the
 * delimiter, doubled quotes and line breaks, multi-byte UTF-8 (2, 3 and 4 bytes) everywhere, a few
 * rows that break rules, and business keys repeated near and far.
 */
final class BankCsv {

  static final String HEADER =
      "transaction_id,account_iban,booking_date,amount,currency,counterparty,channel";

  private static final String[] COUNTERPARTIES = {
    "Müller GmbH",
    "\"Smith, Jones & Co\"",
    "\"Zoë \"\"the\"\" Straße\"",
    "Café €uro 日本 😀",
    "\"multi\r\nline ünïcödé\"",
    "",
    "\"a\nb\r\nc\"",
  };

  private BankCsv() {}

  /**
   * @param rows data rows
   * @param repeats how often a row takes the key of a row far earlier in the file
   * @param broken how many rows have a currency the contract does not allow
   */
  static byte[] generate(long seed, int rows, int repeats, int broken) {
    Random random = new Random(seed);
    StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
    for (int i = 1; i <= rows; i++) {
      int id = i;
      if (repeats > 0 && i > rows / 2 && random.nextInt(rows / 2) < repeats * 2) {
        id = 1 + random.nextInt(i / 2);
        repeats--;
      }
      String currency = "EUR";
      if (broken > 0 && random.nextInt(rows) < broken * 3) {
        currency = "XXX";
        broken--;
      }
      csv.append(String.format(Locale.ROOT, "TX%010d", id))
          .append(",DE89370400440532013000,2024-01-")
          .append(String.format(Locale.ROOT, "%02d", 1 + random.nextInt(3)))
          .append(',')
          .append(random.nextInt(100_000) / 100.0)
          .append(',')
          .append(currency)
          .append(',')
          .append(COUNTERPARTIES[random.nextInt(COUNTERPARTIES.length)])
          .append(',')
          .append(random.nextBoolean() ? "ONLINE" : "")
          .append("\r\n");
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }
}
