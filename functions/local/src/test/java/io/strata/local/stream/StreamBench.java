package io.strata.local.stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The stream figures of the README: end-to-end latency from {@code PutRecords} to the record being
 * answered by the query API (p50/p99), and sustained records per second, on this machine with a
 * batching window of 1 s ({@link TenSecondWindowBench}: 10 s). Runs only when asked:
 *
 * <pre>
 * ./mvnw -B -ntp -pl functions/local -am verify -DskipITs -Dtest='StreamBench,TenSecondWindowBench' \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dbench.streams=true
 * </pre>
 */
@QuarkusTest
@TestProfile(StreamLakeProfile.class)
class StreamBench {

  private static final String STREAM = "strata-bank_transactions";

  @Inject LocalStreams streams;

  @Test
  void printsLatencyAndThroughput() {
    Assumptions.assumeTrue(Boolean.getBoolean("bench.streams"), "-Dbench.streams");
    await()
        .atMost(Duration.ofMinutes(3))
        .until(() -> streams.endpoint().isPresent() || streams.problem().isPresent());
    Assumptions.assumeTrue(streams.endpoint().isPresent(), () -> streams.problem().orElse(""));
    KinesisJsonClient producer = new KinesisJsonClient(streams.endpoint().orElseThrow());
    String window = window();

    long[] latencies = latencies(producer, Integer.getInteger("bench.samples", 20));
    Arrays.sort(latencies);
    double perSecond = throughput(producer, Integer.getInteger("bench.records", 10_000));

    System.out.printf(
        Locale.ROOT,
        "STREAM BENCH window=%s latency p50=%d ms p99=%d ms (n=%d) sustained=%.0f records/s%n",
        window,
        latencies[latencies.length / 2],
        latencies[(int) Math.ceil(latencies.length * 0.99) - 1],
        latencies.length,
        perSecond);
  }

  /** The batching window of this bench's lake. */
  String window() {
    return "1s";
  }

  /** One record at a time, each awaited in the query API before the next is put. */
  private static long[] latencies(KinesisJsonClient producer, int samples) {
    long[] millis = new long[samples];
    for (int i = 0; i < samples; i++) {
      String id = String.format(Locale.ROOT, "TX8%09d", i);
      long put = System.nanoTime();
      producer.putRecords(
          STREAM, List.of(LocalStreamsTest.transaction(id, "1.00").getBytes(UTF_8)), List.of(id));
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(50, TimeUnit.MILLISECONDS)
          .until(() -> !LocalStreamsTest.amountsOf(id).isEmpty());
      millis[i] = (System.nanoTime() - put) / 1_000_000;
    }
    return millis;
  }

  /** Records put as fast as PutRecords takes them; the rate until the last one is answered. */
  private static double throughput(KinesisJsonClient producer, int records) {
    long start = System.nanoTime();
    for (int first = 0; first < records; first += 500) {
      List<byte[]> payloads = new ArrayList<>();
      List<String> keys = new ArrayList<>();
      for (int i = first; i < Math.min(records, first + 500); i++) {
        String id = String.format(Locale.ROOT, "TX9%09d", i);
        payloads.add(LocalStreamsTest.transaction(id, "2.00").getBytes(UTF_8));
        keys.add(id);
      }
      if (producer.putRecords(STREAM, payloads, keys) != 0) {
        throw new IllegalStateException("The endpoint refused records");
      }
    }
    String last = String.format(Locale.ROOT, "TX9%09d", records - 1);
    await()
        .atMost(Duration.ofMinutes(10))
        .pollInterval(200, TimeUnit.MILLISECONDS)
        .until(() -> !LocalStreamsTest.amountsOf(last).isEmpty());
    return records / ((System.nanoTime() - start) / 1e9);
  }
}
