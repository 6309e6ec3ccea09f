package io.strata.trino;

import io.strata.core.contract.ContractLoader;
import io.strata.core.contract.DatasetContract;
import io.strata.core.query.QueryFixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;

/**
 * The history both engines read: two batches of bank transactions (the second corrects two keys and
 * adds a hostile and a non-ASCII counterparty) and a third under contract v2, which widens {@code
 * amount} to decimal(20,2) with a value past decimal(18,2); telecom usage written under contract
 * v1, then v2 which widens {@code duration_s} from int to long (with a value past the int range)
 * and adds a boolean and a double column. Timestamps carry microseconds, one a tenth of a
 * millisecond before midnight. The instants around the commits are kept for time travel.
 */
final class DemoHistory {

  static final String BANK = "bank_transactions";
  static final String TELECOM = "telecom_usage";

  static final String HOSTILE = "O'Brien \"Ltd\"; --";
  static final String UNICODE = "Ünïcødé Café ☕";

  /** A value a Hive {@code timestamp} on Athena read as {@code .123}. */
  static final String MICROS = "2024-01-15T10:00:00.123456Z";

  /** A value a Hive {@code timestamp} read as the next day. */
  static final String BEFORE_MIDNIGHT = "2024-01-15T23:59:59.9996Z";

  /** Past the int range: after the widening, sums and filters must not overflow. */
  static final long PAST_INT = 3_000_000_000L;

  /** 20 digits: past the decimal(18,2) of bank contract v1. */
  static final String WIDE_AMOUNT = "123456789012345678.90";

  /** 2^53 + 1: a long a double would round. */
  static final long PAST_DOUBLE = 9_007_199_254_740_993L;

  private static final String BANK_HEADER =
      "transaction_id,account_iban,booking_date,amount,currency,counterparty,channel\n";

  private static final String EVENT =
      "{\"event_id\":\"%s\",\"subscriber_id\":\"%s\",\"event_type\":\"%s\",\"event_time\":\"%s\","
          + "\"duration_s\":%s,\"bytes\":%s,\"cell_id\":\"%s\"%s}\n";

  Instant beforeFirstCommit;
  Instant betweenBankCommits;
  Instant secondBankCommit;
  Instant beforeBankWidening;
  Instant beforeWidening;
  Instant afterEverything;

  /** Fills the lake through the ingest path. */
  static DemoHistory ingest(S3Lake lake) {
    DemoHistory history = new DemoHistory();
    lake.use(QueryFixtures.bank());
    lake.use(QueryFixtures.telecom());
    history.beforeFirstCommit = pause();
    lake.ingest(
        "bank_transactions/2024/01/15/tx.csv",
        BANK_HEADER
            + "TX0000000001,DE89370400440532013000,2024-01-14,12.50,EUR,Bakery Ltd,POS\n"
            + "TX0000000002,GB29NWBK60161331926819,2024-01-15,-100.00,GBP,,ONLINE\n"
            + "TX0000000003,FR1420041010050500013M02606,2024-01-15,7.00,USD,Cafe,\n",
        Instant.parse("2024-01-15T06:00:00Z"));
    history.betweenBankCommits = pause();
    lake.ingest(
        "bank_transactions/2024/01/16/tx.csv",
        BANK_HEADER
            + "TX0000000002,GB29NWBK60161331926819,2024-01-15,-90.00,GBP,,ONLINE\n"
            + "TX0000000003,FR1420041010050500013M02606,2024-01-15,7.00,EUR,Cafe,\n"
            + "TX0000000004,DE89370400440532013000,2024-01-16,250.00,USD,"
            + "\"O'Brien \"\"Ltd\"\"; --\",BRANCH\n"
            + "TX0000000005,NL91ABNA0417164300,2024-01-16,0.01,EUR,"
            + UNICODE
            + ",ATM\n",
        Instant.parse("2024-01-16T06:00:00Z"));
    history.secondBankCommit =
        Instant.ofEpochMilli(lake.table(BANK).currentSnapshot().timestampMillis());
    history.beforeBankWidening = pause();
    lake.use(bankV2());
    lake.ingest(
        "bank_transactions/2024/01/17/tx.csv",
        BANK_HEADER
            + "TX0000000006,DE89370400440532013000,2024-01-17,"
            + WIDE_AMOUNT
            + ",EUR,Treasury,ONLINE\n",
        Instant.parse("2024-01-17T06:00:00Z"));
    lake.ingest(
        "telecom_usage/2024/01/15/usage.jsonl",
        event("E1", "S1", "call", MICROS, "60", "null", "C1", "")
            + event("E2", "S2", "sms", BEFORE_MIDNIGHT, "null", "null", "C2", "")
            + event("E3", "S1", "data", "2024-01-16T00:00:00Z", "null", "2048", "C1", "")
            + event(
                "E4", "S3", "call", "2024-01-14T23:30:00+01:00", "2147483647", "null", "C3", ""),
        Instant.parse("2024-01-15T12:00:00Z"));
    history.beforeWidening = pause();
    lake.use(telecomV2());
    lake.ingest(
        "telecom_usage/2024/01/16/usage.jsonl",
        event("E1", "S1", "call", MICROS, "61", "null", "C1", roaming(false, "-71.5"))
            + event(
                "E5",
                "S2",
                "call",
                "2024-01-16T08:00:00.000001Z",
                Long.toString(PAST_INT),
                "null",
                "C2",
                roaming(true, "-95.25"))
            + event(
                "E6",
                "S3",
                "data",
                "2024-01-16T09:15:00Z",
                "null",
                Long.toString(PAST_DOUBLE),
                "C3",
                roaming(true, "null")),
        Instant.parse("2024-01-16T12:00:00Z"));
    history.afterEverything = pause();
    return history;
  }

  /** The repository's bank contract with amount widened to decimal(20,2), version 2. */
  static DatasetContract bankV2() {
    return parse(
        BANK,
        replace(
            replace(contractText(BANK), "version: 1", "version: 2"),
            "    type: decimal(18,2)\n",
            "    type: decimal(20,2)\n"));
  }

  /**
   * The repository's telecom contract as a data owner would evolve it: duration_s widened to long,
   * roaming and signal_dbm added, version 2.
   */
  static DatasetContract telecomV2() {
    return telecom(2, "");
  }

  /** Version 3 adds plan_code, a column no batch has written yet. */
  static DatasetContract telecomV3() {
    return telecom(3, "  - name: plan_code\n    type: string\n    required: false\n");
  }

  private static DatasetContract telecom(int version, String moreColumns) {
    String widened =
        replace(
            replace(contractText(TELECOM), "version: 1", "version: " + version),
            "  - name: duration_s\n    type: int\n",
            "  - name: duration_s\n    type: long\n");
    return parse(
        TELECOM,
        replace(
            widened,
            "\nkey: [event_id]",
            "\n  - name: roaming\n    type: boolean\n    required: false\n"
                + "  - name: signal_dbm\n    type: double\n    required: false\n"
                + moreColumns
                + "key: [event_id]"));
  }

  private static String event(
      String id,
      String subscriber,
      String type,
      String time,
      String duration,
      String bytes,
      String cell,
      String extra) {
    return String.format(EVENT, id, subscriber, type, time, duration, bytes, cell, extra);
  }

  private static String roaming(boolean roaming, String signal) {
    return ",\"roaming\":" + roaming + ",\"signal_dbm\":" + signal;
  }

  private static String contractText(String dataset) {
    try {
      return Files.readString(QueryFixtures.DATASETS.resolve(dataset + ".yaml"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static DatasetContract parse(String dataset, String yaml) {
    return ContractLoader.parse(
        dataset + ".yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  /** The text with the part replaced; fails when the contract no longer reads as expected. */
  private static String replace(String text, String part, String by) {
    if (!text.contains(part)) {
      throw new IllegalStateException("The demo contract no longer contains: " + part);
    }
    return text.replace(part, by);
  }

  /**
   * The current instant, once the clock has moved two milliseconds past it: a commit after this
   * call is never within its millisecond.
   */
  private static Instant pause() {
    Instant now = Instant.now();
    Instant later = now.plusMillis(2);
    while (Instant.now().isBefore(later)) {
      Thread.onSpinWait();
    }
    return now;
  }
}
