package io.strata.core.ingest.split;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.DirectoryContractRepository;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitPlannerTest {

  private static final DirectoryContractRepository CONTRACTS =
      new DirectoryContractRepository(Path.of("../../datasets"));

  private final DatasetContract bank = CONTRACTS.find("bank_transactions").orElseThrow();
  private final DatasetContract telecom = CONTRACTS.find("telecom_usage").orElseThrow();

  @Test
  void rangesStartAfterALineFeedOutsideQuotesAndKnowTheirLine() throws IOException {
    String csv = "h1,h2\r\na,\"x\r\ny\"\r\nb,c\r\nd,e\r\n";
    byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);

    SplitDecision decision = plan(bank, bytes, 8);

    List<ByteRange> ranges = decision.plan().ranges();
    assertThat(ranges).extracting(ByteRange::firstLine).containsExactly(1L, 4L);
    assertThat(text(bytes, ranges.get(1))).isEqualTo("b,c\r\nd,e\r\n");
    assertThat(text(bytes, ranges.get(0))).isEqualTo("h1,h2\r\na,\"x\r\ny\"\r\n");
    assertThat(decision.plan().header()).isEqualTo("h1,h2\r\n".getBytes(StandardCharsets.UTF_8));
    assertThat(decision.plan().headerLines()).isEqualTo(1);
  }

  @Test
  void rangesTileTheWholeObjectForEveryRangeSize() throws IOException {
    byte[] bytes = "h\n\"a\nb\",1\nc\n\"\"\"q\"\"\n\"\nd\né\n".getBytes(StandardCharsets.UTF_8);
    for (int size = 1; size <= bytes.length; size++) {
      SplitDecision decision = plan(bank, bytes, size);
      List<ByteRange> ranges =
          decision
              .asPlan()
              .map(SplitPlan::ranges)
              .orElse(List.of(new ByteRange(0, 0, bytes.length, 1)));
      assertThat(ranges.get(0).start()).isZero();
      assertThat(ranges.get(ranges.size() - 1).end()).isEqualTo(bytes.length);
      for (int i = 1; i < ranges.size(); i++) {
        assertThat(ranges.get(i).start()).isEqualTo(ranges.get(i - 1).end());
        assertThat(bytes[(int) ranges.get(i).start() - 1]).isEqualTo((byte) '\n');
      }
    }
  }

  @Test
  void jsonLinesSplitOnEveryLineFeed() throws IOException {
    byte[] bytes = "{\"a\":\"\\\"\"}\n{\"a\":2}\n{\"a\":3}\n".getBytes(StandardCharsets.UTF_8);

    SplitDecision decision = plan(telecom, bytes, 5);

    assertThat(decision.plan().ranges())
        .extracting(ByteRange::firstLine)
        .containsExactly(1L, 2L, 3L);
    assertThat(decision.plan().header()).isEmpty();
  }

  @Test
  void gzipIsReadByOneWorker() {
    byte[] gzip = {(byte) 0x1f, (byte) 0x8b, 8, 0};

    assertThat(SplitPlanner.whyWhole(telecom, gzip)).get().asString().contains("gzip");
  }

  @Test
  void loneCarriageReturnsInCsvAreReadByOneWorker() throws IOException {
    byte[] bytes = "h\ra\rb\n".getBytes(StandardCharsets.UTF_8);

    SplitDecision decision = plan(bank, bytes, 2);

    assertThat(decision.wholeReason()).contains("carriage return");
  }

  @Test
  void aBlankFirstLineLeavesTheHeaderToOneWorker() {
    byte[] bytes = "\r\nh1,h2\r\n".getBytes(StandardCharsets.UTF_8);

    assertThat(SplitPlanner.header(bank, bytes)).isEmpty();
  }

  private static SplitDecision plan(DatasetContract contract, byte[] bytes, long rangeBytes)
      throws IOException {
    int quote = SplitPlanner.quoteByte(contract);
    List<RangeScan> scans = new ArrayList<>();
    for (long[] nominal : SplitPlanner.nominal(bytes.length, rangeBytes)) {
      int end = (int) Math.min(bytes.length, nominal[1] + 1);
      scans.add(
          RangeScanner.scan(
              new ByteArrayInputStream(bytes, (int) nominal[0], end - (int) nominal[0]),
              nominal[0],
              nominal[1],
              quote));
    }
    byte[] header =
        contract.format() == io.strata.core.contract.SourceFormat.CSV
            ? SplitPlanner.header(contract, bytes).orElse(new byte[0])
            : new byte[0];
    boolean csv = contract.format() == io.strata.core.contract.SourceFormat.CSV;
    return SplitPlanner.plan(contract.name(), "batch", bytes.length, scans, header, csv);
  }

  private static String text(byte[] bytes, ByteRange range) {
    return new String(bytes, (int) range.start(), (int) range.length(), StandardCharsets.UTF_8);
  }
}
