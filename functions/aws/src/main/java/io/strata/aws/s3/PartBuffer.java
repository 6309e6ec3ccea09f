package io.strata.aws.s3;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The bytes of one upload part, held in blocks of {@link #BLOCK} bytes rather than one array that
 * doubles as it fills. A doubling array copies everything it holds at each step, and its larger
 * steps are humongous objects for G1 in a small heap (at least half a region: 512 KiB in a 256 MiB
 * heap), each of which starts a concurrent cycle; blocks of 64 KiB are neither copied nor
 * humongous. Blocks are kept for the next part of the same object. Not thread-safe.
 */
final class PartBuffer {

  static final int BLOCK = 64 * 1024;

  /** The body's own type; the request's content type, when there is one, takes precedence. */
  private static final String OCTET_STREAM = "application/octet-stream";

  private final List<byte[]> blocks = new ArrayList<>();
  private int size;

  /** Bytes held. */
  int size() {
    return size;
  }

  /** Appends {@code length} bytes. */
  void write(byte[] bytes, int offset, int length) {
    int position = offset;
    int remaining = length;
    while (remaining > 0) {
      int inBlock = size % BLOCK;
      if (inBlock == 0 && size / BLOCK == blocks.size()) {
        blocks.add(new byte[BLOCK]);
      }
      int chunk = Math.min(remaining, BLOCK - inBlock);
      System.arraycopy(bytes, position, blocks.get(size / BLOCK), inBlock, chunk);
      size += chunk;
      position += chunk;
      remaining -= chunk;
    }
  }

  /**
   * The bytes held as a request body, without a copy. The client may read them more than once
   * (checksum, signature, a retry), but only before its call returns: the buffer must not change
   * until then.
   */
  RequestBody body() {
    int length = size;
    return RequestBody.fromContentProvider(() -> stream(length), length, OCTET_STREAM);
  }

  /** Empties the buffer and keeps its blocks. */
  void clear() {
    size = 0;
  }

  private InputStream stream(int length) {
    List<InputStream> parts = new ArrayList<>(length / BLOCK + 1);
    for (int start = 0; start < length; start += BLOCK) {
      parts.add(
          new ByteArrayInputStream(blocks.get(start / BLOCK), 0, Math.min(BLOCK, length - start)));
    }
    return new SequenceInputStream(Collections.enumeration(parts));
  }
}
