package io.strata.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a realistic {@code bank_transactions} drop of about the requested size: unique ids, IBANs,
 * a week of booking dates, signed amounts, three currencies, optional counterparty and channel. The
 * same seed and size always give the same file.
 */
public final class BankCsvGenerator {

  static final String HEADER =
      "transaction_id,account_iban,booking_date,amount,currency,counterparty,channel";
  private static final String[] CURRENCIES = {"EUR", "EUR", "EUR", "USD", "GBP"};
  private static final String[] CHANNELS = {"ATM", "POS", "ONLINE", "BRANCH", ""};
  private static final String[] COUNTRIES = {"DE", "FR", "NL", "GB", "ES"};
  private static final String[] COUNTERPARTIES = {
    "Bakery Schmidt", "City Utilities", "Online Books Ltd", "Fuel Station 24", "Payroll ACME",
    "Supermarket Nord", "Rail Tickets", "Pharmacy Central", "Insurance Mutual", "Coffee Corner",
    "Electronics World", "Rent Sept Property", "Mobile Carrier", "Streaming Service", ""
  };

  private BankCsvGenerator() {}

  /**
   * Writes the file.
   *
   * @return the number of data rows written
   */
  public static long write(Path file, long targetBytes, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    long rows = 0;
    long bytes = 0;
    StringBuilder line = new StringBuilder(160);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(HEADER);
      out.write('\n');
      while (bytes < targetBytes) {
        line.setLength(0);
        rows++;
        line.append("TX").append(String.format("%010d", rows)).append(',');
        appendIban(line, random);
        line.append(",2024-01-1").append(random.nextInt(7)).append(',');
        long cents = random.nextLong(-500_000, 500_000);
        line.append(cents < 0 ? "-" : "")
            .append(Math.abs(cents) / 100)
            .append('.')
            .append(String.format("%02d", Math.abs(cents) % 100))
            .append(',');
        line.append(CURRENCIES[random.nextInt(CURRENCIES.length)]).append(',');
        line.append(COUNTERPARTIES[random.nextInt(COUNTERPARTIES.length)]).append(',');
        line.append(CHANNELS[random.nextInt(CHANNELS.length)]).append('\n');
        out.append(line);
        bytes += line.length();
      }
    }
    return rows;
  }

  private static void appendIban(StringBuilder line, SplittableRandom random) {
    line.append(COUNTRIES[random.nextInt(COUNTRIES.length)]);
    line.append(10 + random.nextInt(90));
    for (int i = 0; i < 18; i++) {
      line.append((char) ('0' + random.nextInt(10)));
    }
  }
}
