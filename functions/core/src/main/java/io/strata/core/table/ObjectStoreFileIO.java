package io.strata.core.table;

import io.strata.core.store.ObjectInfo;
import io.strata.core.store.ObjectNotFoundException;
import io.strata.core.store.ObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.io.SeekableInputStream;

/**
 * Iceberg's file access over our {@link ObjectStore} port, for {@code s3://bucket/key} locations:
 * the local lake, tests and the benchmark read and write table metadata with it, with no Hadoop
 * class involved (in AWS, Iceberg's own {@code S3FileIO} does this). Iceberg only reads and writes
 * metadata through it (metadata JSON, manifest lists, manifests: kilobytes to a few megabytes), so
 * a file is read whole into memory and written in one request when its stream closes; a {@code
 * create()} is conditional, so an existing file is never replaced.
 */
public final class ObjectStoreFileIO implements FileIO {

  private final ObjectStore store;

  public ObjectStoreFileIO(ObjectStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public InputFile newInputFile(String location) {
    return new ObjectInputFile(S3Location.of(location), -1);
  }

  @Override
  public InputFile newInputFile(String location, long length) {
    return new ObjectInputFile(S3Location.of(location), length);
  }

  @Override
  public OutputFile newOutputFile(String location) {
    S3Location target = S3Location.of(location);
    return new OutputFile() {
      @Override
      public PositionOutputStream create() {
        return new BufferedObject(target, false);
      }

      @Override
      public PositionOutputStream createOrOverwrite() {
        return new BufferedObject(target, true);
      }

      @Override
      public String location() {
        return location;
      }

      @Override
      public InputFile toInputFile() {
        return newInputFile(location);
      }
    };
  }

  @Override
  public void deleteFile(String location) {
    S3Location target = S3Location.of(location);
    store.delete(target.bucket(), target.key());
  }

  private final class ObjectInputFile implements InputFile {
    private final S3Location source;
    private long length;

    ObjectInputFile(S3Location source, long length) {
      this.source = source;
      this.length = length;
    }

    @Override
    public long getLength() {
      if (length < 0) {
        length = info().size();
      }
      return length;
    }

    @Override
    public SeekableInputStream newStream() {
      byte[] content;
      try (InputStream in = store.open(source.bucket(), source.key())) {
        content = in.readAllBytes();
      } catch (ObjectNotFoundException e) {
        throw new NotFoundException(e, "Cannot read %s: it does not exist", source);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + source + ": " + e.getMessage(), e);
      }
      return new BytesInputStream(content);
    }

    @Override
    public String location() {
      return source.toString();
    }

    @Override
    public boolean exists() {
      return store.head(source.bucket(), source.key()).isPresent();
    }

    private ObjectInfo info() {
      return store
          .head(source.bucket(), source.key())
          .orElseThrow(() -> new NotFoundException("Cannot read %s: it does not exist", source));
    }
  }

  /** Collects what Iceberg writes and stores it in one request on close. */
  private final class BufferedObject extends PositionOutputStream {
    private final S3Location target;
    private final boolean overwrite;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private boolean closed;

    BufferedObject(S3Location target, boolean overwrite) {
      this.target = target;
      this.overwrite = overwrite;
    }

    @Override
    public long getPos() {
      return buffer.size();
    }

    @Override
    public void write(int b) {
      buffer.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      buffer.write(b, off, len);
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      byte[] content = buffer.toByteArray();
      if (overwrite) {
        store.put(target.bucket(), target.key(), content, contentType());
      } else if (!store.putIfAbsent(target.bucket(), target.key(), content, contentType())) {
        throw new AlreadyExistsException("Cannot create %s: it exists already", target);
      }
    }

    private String contentType() {
      return target.key().endsWith(".json") ? "application/json" : "application/octet-stream";
    }
  }

  /** A stream over bytes already in memory that Iceberg may seek in. */
  private static final class BytesInputStream extends SeekableInputStream {
    private final byte[] content;
    private int position;

    BytesInputStream(byte[] content) {
      this.content = content;
    }

    @Override
    public long getPos() {
      return position;
    }

    @Override
    public void seek(long newPosition) throws IOException {
      if (newPosition < 0 || newPosition > content.length) {
        throw new IOException("Cannot seek to " + newPosition + " in " + content.length + " bytes");
      }
      position = (int) newPosition;
    }

    @Override
    public int read() {
      return position < content.length ? content[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (position >= content.length) {
        return -1;
      }
      int count = Math.min(len, content.length - position);
      System.arraycopy(content, position, b, off, count);
      position += count;
      return count;
    }

    @Override
    public int available() {
      return content.length - position;
    }
  }
}
