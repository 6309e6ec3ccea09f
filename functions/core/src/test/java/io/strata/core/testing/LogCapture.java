package io.strata.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Captures the log lines slf4j-simple (the core tests' logger) prints while some code runs: it
 * writes to whatever {@code System.err} is at the moment of each line, so swapping that stream
 * catches every line, exception traces included. The lines still reach the original stream.
 */
public final class LogCapture {

  private LogCapture() {}

  /** What the action returned and what was logged meanwhile. */
  public record Captured<T>(T result, String log) {}

  /** Runs the action and returns its result with the log text it produced. */
  public static synchronized <T> Captured<T> during(Supplier<T> action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    OutputStream both =
        new OutputStream() {
          @Override
          public void write(int b) {
            captured.write(b);
            original.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            captured.write(b, off, len);
            original.write(b, off, len);
          }
        };
    System.setErr(new PrintStream(both, true, StandardCharsets.UTF_8));
    try {
      T result = action.get();
      return new Captured<>(result, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(original);
    }
  }
}
