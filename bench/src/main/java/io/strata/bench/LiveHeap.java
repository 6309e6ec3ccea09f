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
 */
final class LiveHeap {

  private static final Set<String> HEAP_POOLS =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(pool -> pool.getType() == MemoryType.HEAP)
          .map(MemoryPoolMXBean::getName)
          .collect(Collectors.toSet());
  private static final AtomicLong MAX_AFTER_GC = new AtomicLong();

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
    MAX_AFTER_GC.set(0);
  }

  /** The largest live heap after any collection since {@link #reset()}, in bytes. */
  static long maxBytes() {
    return MAX_AFTER_GC.get();
  }

  private static void record(GarbageCollectionNotificationInfo info) {
    long used = 0;
    for (var pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (HEAP_POOLS.contains(pool.getKey())) {
        MemoryUsage usage = pool.getValue();
        used += usage.getUsed();
      }
    }
    long live = used;
    MAX_AFTER_GC.accumulateAndGet(live, Math::max);
  }
}
