package io.strata.core.parse;

import java.io.Closeable;
import java.util.List;

/** Streams the records of one raw file in order; memory stays bounded whatever the file size. */
public interface RecordStream extends Closeable {

  /**
   * The next record, or null at the end.
   *
   * @throws FileRejectedException when the rest of the file cannot be read (invalid encoding,
   *     oversize line, broken gzip); everything returned before stays valid
   */
  RawRecord next();

  /** Columns present in the file that the contract does not declare (CSV header; JSON members). */
  List<String> extraColumns();
}
