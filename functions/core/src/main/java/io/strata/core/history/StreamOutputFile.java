package io.strata.core.history;

import java.io.IOException;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet output file that is one stream, as every file Strata writes is: no HDFS block size, and
 * "overwrite" is the same as "create", since the stream's owner decides whether the object replaces
 * another.
 */
public abstract class StreamOutputFile implements OutputFile {

  private final String path;

  protected StreamOutputFile(String path) {
    this.path = path;
  }

  /** An output file whose stream is the given one, already open. */
  public static StreamOutputFile of(String path, PositionOutputStream stream) {
    return new StreamOutputFile(path) {
      @Override
      public PositionOutputStream create(long blockSizeHint) {
        return stream;
      }
    };
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
    return create(blockSizeHint);
  }

  @Override
  public boolean supportsBlockSize() {
    return false;
  }

  @Override
  public long defaultBlockSize() {
    return 0;
  }

  @Override
  public String getPath() {
    return path;
  }
}
