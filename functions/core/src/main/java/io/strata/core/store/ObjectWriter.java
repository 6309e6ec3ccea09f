package io.strata.core.store;

import java.io.OutputStream;

/**
 * A streaming write of one object. {@link #close()} commits it; {@link #abort()} discards what was
 * written so far and makes {@code close()} a no-op.
 */
public abstract class ObjectWriter extends OutputStream {

  /** Discards the object; safe to call more than once and after a failed write. */
  public abstract void abort();

  /** Bytes accepted so far. */
  public abstract long bytesWritten();
}
