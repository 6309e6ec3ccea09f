package io.strata.core.ingest;

import io.strata.core.contract.DatasetContract;
import io.strata.core.parse.JsonObjectParser;
import io.strata.core.parse.RawRecord;
import io.strata.core.parse.RecordStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The records of a micro-batch as a record stream: each record's payload is one JSON object, read
 * by the same parser as a JSON Lines file, so a stream record follows the rules of a file's line. A
 * payload that is not UTF-8, is empty or is longer than the longest line the limits allow becomes a
 * record with a problem (rejected, never fatal). A record's "line" is its 1-based position in the
 * delivered batch, which the quarantine report maps back to its sequence number.
 */
final class StreamRecordStream implements RecordStream {

  private final List<StreamRecord> records;
  private final int firstPosition;
  private final int maxRecordBytes;
  private final JsonObjectParser parser;
  private final int columns;
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private int next;

  /**
   * @param records the records to read, in order
   * @param firstPosition the batch position of the first of them (1-based)
   */
  StreamRecordStream(
      List<StreamRecord> records, int firstPosition, DatasetContract contract, int maxRecordBytes) {
    this.records = records;
    this.firstPosition = firstPosition;
    this.maxRecordBytes = maxRecordBytes;
    this.parser = new JsonObjectParser(contract);
    this.columns = contract.columns().size();
  }

  @Override
  public RawRecord next() {
    if (next >= records.size()) {
      return null;
    }
    byte[] data = records.get(next).data();
    long position = firstPosition + next;
    next++;
    if (data.length > maxRecordBytes) {
      return problem(
          position,
          "record of " + data.length + " bytes is longer than the limit of " + maxRecordBytes);
    }
    CharBuffer text;
    try {
      text = utf8.reset().decode(ByteBuffer.wrap(data));
    } catch (CharacterCodingException e) {
      return problem(position, "record is not valid UTF-8");
    }
    if (text.toString().isBlank()) {
      return problem(position, "malformed JSON: the record is empty");
    }
    char[] chars = new char[text.remaining()];
    text.get(chars);
    return parser.parse(position, chars, 0, chars.length);
  }

  private RawRecord problem(long position, String why) {
    return new RawRecord(position, new String[columns], why, null);
  }

  @Override
  public List<String> extraColumns() {
    return parser.extraColumns();
  }

  @Override
  public void close() {}
}
