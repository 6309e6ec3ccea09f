package io.strata.core.parse;

import io.strata.core.contract.ContractLoader;
import io.strata.core.contract.DatasetContract;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Builds contracts and raw files for the record stream tests. */
final class StreamFixtures {

  static final ParseLimits LIMITS = new ParseLimits(1024, 1 << 20);

  private StreamFixtures() {}

  static DatasetContract contract(String format, String extra) {
    String yaml =
        """
        name: sample
        version: 1
        format: %s
        columns:
          - {name: id, type: string, required: true}
          - {name: amount, type: int, required: true}
          - {name: note, type: string}
        %s
        """
            .formatted(format, extra);
    return ContractLoader.parse(
        "sample.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] gzip(byte[] content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      bytes.writeBytes(part);
    }
    return bytes.toByteArray();
  }

  static RecordStream open(byte[] content, DatasetContract contract) {
    return RecordStreams.open(new ByteArrayInputStream(content), contract, LIMITS);
  }

  /** Every record, rendered as "line|v1|v2|v3" or "line!problem@column". */
  static List<String> readAll(byte[] content, DatasetContract contract) {
    try (RecordStream stream = open(content, contract)) {
      return drain(stream);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> drain(RecordStream stream) {
    List<String> rendered = new ArrayList<>();
    for (RawRecord record = stream.next(); record != null; record = stream.next()) {
      rendered.add(render(record));
    }
    return rendered;
  }

  static String render(RawRecord record) {
    if (!record.readable()) {
      return record.line()
          + "!"
          + record.problem()
          + (record.problemColumn() == null ? "" : "@" + record.problemColumn());
    }
    return record.line()
        + "|"
        + String.join("|", java.util.Arrays.stream(record.values()).map(String::valueOf).toList());
  }
}
