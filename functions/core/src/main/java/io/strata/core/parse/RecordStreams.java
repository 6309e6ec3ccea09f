package io.strata.core.parse;

import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.SourceFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Opens the record stream of a raw file as its contract describes it: gzip is detected by its magic
 * bytes and decompressed under {@link ParseLimits#maxDecompressedBytes()}, text is decoded strictly
 * (CSV in the contract's encoding, JSON Lines in UTF-8, a UTF-8 byte order mark skipped), then
 * parsed as CSV or JSON Lines.
 */
public final class RecordStreams {

  private RecordStreams() {}

  /**
   * Opens the stream; for CSV with a header, the header is read and checked here.
   *
   * @param raw the file's bytes; the returned stream owns it and closes it
   * @throws FileRejectedException when the file cannot be read at all (empty, bad header, broken
   *     gzip, invalid encoding in the header)
   */
  public static RecordStream open(InputStream raw, DatasetContract contract, ParseLimits limits) {
    Charset charset =
        contract.format() == SourceFormat.CSV ? contract.csv().encoding() : StandardCharsets.UTF_8;
    Reader text = null;
    try {
      text = new DecodingReader(SourceInput.open(raw, limits), charset);
      return switch (contract.format()) {
        case CSV -> new CsvRecordStream(text, contract, limits);
        case JSON_LINES -> new JsonLinesRecordStream(text, contract, limits);
      };
    } catch (RuntimeException e) {
      closeQuietly(text == null ? raw : text, e);
      throw e;
    }
  }

  private static void closeQuietly(java.io.Closeable closeable, RuntimeException failure) {
    try {
      closeable.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
