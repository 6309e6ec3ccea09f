package io.strata.core.history;

import java.io.IOException;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Lets parquet-java read a file through Iceberg's {@code FileIO} (S3FileIO in AWS, the object store
 * locally), with no Hadoop class involved; the reading side of {@link StreamOutputFile}.
 */
public final class StreamInputFile implements InputFile {

  private final org.apache.iceberg.io.InputFile file;

  private StreamInputFile(org.apache.iceberg.io.InputFile file) {
    this.file = file;
  }

  public static StreamInputFile of(org.apache.iceberg.io.InputFile file) {
    return new StreamInputFile(file);
  }

  @Override
  public long getLength() {
    return file.getLength();
  }

  @Override
  public SeekableInputStream newStream() {
    org.apache.iceberg.io.SeekableInputStream stream = file.newStream();
    return new DelegatingSeekableInputStream(stream) {
      @Override
      public long getPos() throws IOException {
        return stream.getPos();
      }

      @Override
      public void seek(long newPos) throws IOException {
        stream.seek(newPos);
      }
    };
  }

  @Override
  public String toString() {
    return file.location();
  }
}
