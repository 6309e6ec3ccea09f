package io.strata.bench;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;

/**
 * One timed run: wall seconds, CPU seconds of the whole process over the run (every thread, JIT and
 * GC included, DuckDB's native threads too), and the largest live heap after a collection.
 */
record Measurement(double seconds, double cpuSeconds, long liveHeapBytes) {

  /** Runs the task after a collection and measures it. */
  static Measurement of(Callable<?> task) throws Exception {
    LiveHeap.reset();
    long cpuBefore = processCpuNanos();
    long start = System.nanoTime();
    task.call();
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpu = (processCpuNanos() - cpuBefore) / 1e9;
    return new Measurement(seconds, cpu, LiveHeap.maxBytes());
  }

  double mbPerSecond(double mb) {
    return mb / seconds;
  }

  double cpuSecondsPerMb(double mb) {
    return cpuSeconds / mb;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
