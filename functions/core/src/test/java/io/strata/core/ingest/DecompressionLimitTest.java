package io.strata.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.core.contract.DirectoryContractRepository;
import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.store.ObjectInfo;
import io.strata.core.store.ObjectStore;
import io.strata.core.testing.Gzip;
import io.strata.core.testing.TestCatalogs;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gzip bomb is quarantined for its expansion after little work, and the next file commits. */
class DecompressionLimitTest {

  private static final String RAW = "strata-raw";
  private static final String HISTORY = "strata-history";
  private static final int MIB = 1 << 20;

  @TempDir Path lake;

  @Test
  void quarantinesAGzipBombAfterReadingLittleOfItAndTheNextFileCommits() throws IOException {
    // given 1 GiB of line feeds after one valid record, in about 1 MB of gzip
    FileSystemObjectStore files = new FileSystemObjectStore(lake);
    AtomicLong rawBytesRead = new AtomicLong();
    IngestService service = serviceOver(new CountingStore(files, rawBytesRead));
    String record =
        "{\"event_id\":\"e1\",\"subscriber_id\":\"491701234567\",\"event_type\":\"call\","
            + "\"event_time\":\"2024-01-15T01:30:00Z\",\"cell_id\":\"C1\"}\n";
    byte[] newlines = new byte[64 * MIB];
    Arrays.fill(newlines, (byte) '\n');
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    bomb.writeBytes(Gzip.of(record.getBytes(StandardCharsets.UTF_8)));
    byte[] member = Gzip.of(newlines);
    for (int i = 0; i < 16; i++) {
      bomb.writeBytes(member);
    }
    RawObjectRef raw = drop(files, "telecom_usage/bomb.jsonl.gz", bomb.toByteArray());

    // when
    IngestResult result = service.ingest(raw);

    // then
    assertThat(result.outcome()).isEqualTo(IngestOutcome.QUARANTINED);
    assertThat(rawBytesRead.get()).isLessThan(MIB);
    JsonNode report =
        LakeJson.mapper()
            .readTree(
                files
                    .open(HISTORY, "_quarantine/telecom_usage/" + result.batchId() + "/report.json")
                    .readAllBytes());
    assertThat(report.get("reason").asText()).isEqualTo("decompression_limit");
    assertThat(report.get("summary").asText())
        .startsWith(
            "Quarantined s3://strata-raw/telecom_usage/bomb.jsonl.gz: Cannot decompress file: it"
                + " expands more than 100 times (")
        .endsWith("), as a gzip bomb does");

    RawObjectRef next = drop(files, "telecom_usage/next.jsonl.gz", Gzip.of(record.getBytes()));
    assertThat(service.ingest(next).outcome()).isEqualTo(IngestOutcome.COMMITTED);
  }

  /** Counts the bytes read from raw objects. */
  private static final class CountingStore extends ForwardingObjectStore {

    private final AtomicLong read;

    CountingStore(ObjectStore delegate, AtomicLong read) {
      super(delegate);
      this.read = read;
    }

    @Override
    public InputStream open(String bucket, String key, String versionId, String eTag) {
      return new FilterInputStream(delegate.open(bucket, key, versionId, eTag)) {
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int n = super.read(b, off, len);
          read.addAndGet(Math.max(n, 0));
          return n;
        }
      };
    }
  }

  private IngestService serviceOver(ObjectStore store) {
    return new IngestService(
        store,
        new DirectoryContractRepository(Path.of("../../datasets")),
        TestCatalogs.tables(store, HISTORY),
        IngestSettings.defaults(HISTORY, "test-hash-key".getBytes(StandardCharsets.UTF_8)),
        Clock.fixed(Instant.parse("2024-01-15T06:01:00Z"), ZoneOffset.UTC));
  }

  private static RawObjectRef drop(FileSystemObjectStore store, String key, byte[] content) {
    store.put(RAW, key, content, "application/gzip");
    ObjectInfo info = store.head(RAW, key).orElseThrow();
    return new RawObjectRef(
        RAW, key, null, info.eTag(), info.size(), Instant.parse("2024-01-15T06:00:00Z"));
  }
}
