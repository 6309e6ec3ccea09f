package io.strata.core.history;

import io.strata.core.store.ObjectWriter;
import java.io.IOException;
import org.apache.parquet.io.PositionOutputStream;

/**
 * Lets Parquet write into an {@link ObjectWriter}. Closing the stream does not commit the object:
 * the owner closes or aborts the writer once the Parquet footer is written.
 */
final class ObjectOutputFile extends StreamOutputFile {

  private final ObjectWriter writer;

  ObjectOutputFile(ObjectWriter writer, String path) {
    super(path);
    this.writer = writer;
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) {
    return new PositionOutputStream() {
      @Override
      public long getPos() {
        return writer.bytesWritten();
      }

      @Override
      public void write(int b) throws IOException {
        writer.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        writer.write(b, off, len);
      }

      @Override
      public void flush() {
        // Parts are uploaded as they fill; forcing a short part would only cost requests.
      }

      @Override
      public void close() {
        // The owner commits or aborts the object.
      }
    };
  }
}
