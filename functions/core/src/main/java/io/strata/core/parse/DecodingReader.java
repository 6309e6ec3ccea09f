package io.strata.core.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes bytes strictly: bytes that are invalid in the charset reject the file, naming the line
 * (counted by line feeds) where they occur. A leading UTF-8 byte order mark is skipped. Callers
 * read into buffers of at least two chars.
 */
final class DecodingReader extends Reader {

  private static final int BUFFER = 1 << 16;

  private final InputStream in;
  private final Charset charset;
  private final CharsetDecoder decoder;
  private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER).flip();
  private boolean started;
  private boolean eof;
  private boolean flushed;
  private long line = 1;

  DecodingReader(InputStream in, Charset charset) {
    this.in = in;
    this.charset = charset;
    this.decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!started) {
      start();
    }
    CharBuffer out = CharBuffer.wrap(cbuf, off, len);
    while (true) {
      CoderResult result = decoder.decode(bytes, out, eof);
      if (result.isError()) {
        countLines(cbuf, off, out.position());
        throw new FileRejectedException(
            "invalid_encoding",
            "Cannot decode file as " + charset.name() + ": invalid bytes at line " + line);
      }
      if (out.position() > off) {
        countLines(cbuf, off, out.position());
        return out.position() - off;
      }
      if (eof) {
        if (!flushed) {
          flushed = true;
          decoder.flush(out);
          if (out.position() > off) {
            return out.position() - off;
          }
        }
        return -1;
      }
      fill();
    }
  }

  private void start() throws IOException {
    started = true;
    while (!eof && bytes.remaining() < 3) {
      fill();
    }
    if (charset.equals(StandardCharsets.UTF_8)
        && bytes.remaining() >= 3
        && bytes.get(bytes.position()) == (byte) 0xEF
        && bytes.get(bytes.position() + 1) == (byte) 0xBB
        && bytes.get(bytes.position() + 2) == (byte) 0xBF) {
      bytes.position(bytes.position() + 3);
    }
  }

  private void fill() throws IOException {
    bytes.compact();
    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
    if (n < 0) {
      eof = true;
    } else {
      bytes.position(bytes.position() + n);
    }
    bytes.flip();
  }

  private void countLines(char[] cbuf, int from, int to) {
    long count = 0;
    for (int i = from; i < to; i++) {
      if (cbuf[i] == '\n') {
        count++;
      }
    }
    line += count;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
