package io.strata.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The largest heap still in use right after a garbage collection, since the last reset: what a run
 * really keeps alive, unlike pool peaks, which also count garbage not yet collected.
 *
 * <p>After a young collection the old generation still holds whatever died since it was last
 * collected. The serial collector (Lambda's Java runtimes, native images) promotes freely and only
 * clears the old generation in a full collection, so its heap after a young collection says nothing
 * about what is alive. Once a run has had a full collection, the figure is the largest heap after
 * one; otherwise (G1, which rarely needs one) the largest after any collection, an upper bound;
 * without any collection, the heap in use at the end. Collections that {@link #reset()} asked for
 * are not counted.
 */
final class LiveHeap {

  private static final Set<String> HEAP_POOLS =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(pool -> pool.getType() == MemoryType.HEAP)
          .map(MemoryPoolMXBean::getName)
          .collect(Collectors.toSet());
  private static final String MAJOR = "end of major GC";
  private static final String REQUESTED = "System.gc()";
  private static final AtomicLong MAX_AFTER_ANY = new AtomicLong();
  private static final AtomicLong MAX_AFTER_MAJOR = new AtomicLong();

  static {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc)
          .addNotificationListener(
              (notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                    notification.getType())) {
                  record(
                      GarbageCollectionNotificationInfo.from(
                          (CompositeData) notification.getUserData()));
                }
              },
              null,
              null);
    }
  }

  private LiveHeap() {}

  /** Collects, then starts a new measurement. */
  static void reset() {
    System.gc();
    MAX_AFTER_ANY.set(0);
    MAX_AFTER_MAJOR.set(0);
  }

  /** The largest live heap since {@link #reset()}, in bytes, as the class comment says. */
  static long maxBytes() {
    long afterMajor = MAX_AFTER_MAJOR.get();
    long afterAny = MAX_AFTER_ANY.get();
    if (afterMajor > 0) {
      return afterMajor;
    }
    // No collection at all (DuckDB's runs allocate off the heap): what is in use now.
    return afterAny > 0
        ? afterAny
        : ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** The names of the JVM's collectors, such as {@code Copy, MarkSweepCompact} for serial. */
  static String collectors() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .map(GarbageCollectorMXBean::getName)
        .collect(Collectors.joining(", "));
  }

  private static void record(GarbageCollectionNotificationInfo info) {
    if (REQUESTED.equals(info.getGcCause())) {
      return;
    }
    long used = 0;
    for (var pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (HEAP_POOLS.contains(pool.getKey())) {
        MemoryUsage usage = pool.getValue();
        used += usage.getUsed();
      }
    }
    MAX_AFTER_ANY.accumulateAndGet(used, Math::max);
    if (MAJOR.equals(info.getGcAction())) {
      MAX_AFTER_MAJOR.accumulateAndGet(used, Math::max);
    }
  }
}
