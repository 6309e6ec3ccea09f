package io.strata.core.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams an object into a temporary file next to its target and moves it into place atomically on
 * {@link #close()}, so readers never see a partial object.
 */
final class FileObjectWriter extends ObjectWriter {

  private final String bucket;
  private final String key;
  private final Path target;
  private final Path temp;
  private final OutputStream out;
  private long written;
  private boolean done;

  FileObjectWriter(String bucket, String key, Path target, Path temp) throws IOException {
    this.bucket = bucket;
    this.key = key;
    this.target = target;
    this.temp = temp;
    this.out = new BufferedOutputStream(Files.newOutputStream(temp), 64 * 1024);
  }

  @Override
  public void write(int b) {
    ensureOpen();
    try {
      out.write(b);
      written++;
    } catch (IOException e) {
      throw failure(e);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensureOpen();
    try {
      out.write(b, off, len);
      written += len;
    } catch (IOException e) {
      throw failure(e);
    }
  }

  @Override
  public void flush() {
    ensureOpen();
    try {
      out.flush();
    } catch (IOException e) {
      throw failure(e);
    }
  }

  @Override
  public long bytesWritten() {
    return written;
  }

  @Override
  public void close() {
    if (done) {
      return;
    }
    done = true;
    try {
      out.close();
      FileSystemObjectStore.moveIntoPlace(temp, target);
    } catch (IOException e) {
      deleteTemp();
      throw new ObjectStoreException(
          ObjectStoreException.message("write", bucket, key, FileSystemObjectStore.reason(e)), e);
    }
  }

  @Override
  public void abort() {
    if (done) {
      return;
    }
    done = true;
    try {
      out.close();
    } catch (IOException e) {
      // The temporary file is deleted below whatever state the stream was left in.
    }
    deleteTemp();
  }

  private ObjectStoreException failure(IOException e) {
    abort();
    return new ObjectStoreException(
        ObjectStoreException.message("write", bucket, key, FileSystemObjectStore.reason(e)), e);
  }

  private void ensureOpen() {
    if (done) {
      throw new IllegalStateException(
          ObjectStoreException.message("write", bucket, key, "the writer is closed"));
    }
  }

  private void deleteTemp() {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // A leftover temporary file is invisible to list() and harmless.
    }
  }
}
