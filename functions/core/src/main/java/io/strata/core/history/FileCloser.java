package io.strata.core.history;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closes the files still open at the end of a batch side by side, on up to {@link #MAX_THREADS}
 * threads of its own. Closing a file writes its last pages and footer and commits its object: on S3
 * one PutObject (or CompleteMultipartUpload) per file, mostly spent waiting on the network, so a
 * batch that spans many days no longer pays those round trips one after the other.
 *
 * <p>Every file is attempted even when another fails; a file whose close failed has aborted its own
 * upload. The caller gets the files that closed, so it can register or delete them, and the failure
 * of the first file in the given order, with the others' failures suppressed into it.
 */
final class FileCloser {

  /** Concurrent commits at most; S3 takes far more, a small Lambda's memory and network not. */
  static final int MAX_THREADS = 4;

  /**
   * @param closed the files that closed, in the given order
   * @param failure null when every file closed
   */
  record Result(List<HistoryFile.Closed> closed, Throwable failure) {

    /** Throws the failure, if there was one, as the unchecked throwable it is. */
    void rethrowFailure() {
      if (failure instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (failure instanceof Error error) {
        throw error;
      }
    }
  }

  private FileCloser() {}

  /**
   * Closes every file and waits for all of them; the threads are named after {@code name}.
   * Interrupting the caller does not cut the wait short (each close ends by itself, within the
   * store's timeouts); the interrupt is kept for the caller to see.
   */
  static Result closeAll(List<HistoryFile> files, String name) {
    HistoryFile.Closed[] closed = new HistoryFile.Closed[files.size()];
    Throwable[] failures = new Throwable[files.size()];
    AtomicInteger next = new AtomicInteger();
    Runnable closer =
        () -> {
          for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
            try {
              closed[i] = files.get(i).close();
            } catch (RuntimeException | Error e) {
              failures[i] = e;
            }
          }
        };
    // The caller closes files too: with one file or none it starts no thread.
    int threads = Math.max(0, Math.min(MAX_THREADS, files.size()) - 1);
    List<Thread> helpers = new ArrayList<>(threads);
    for (int t = 0; t < threads; t++) {
      Thread helper = new Thread(closer, name + "-" + (t + 1));
      helper.setDaemon(true);
      try {
        helper.start();
      } catch (OutOfMemoryError noThreadLeft) {
        // The process may start no more threads: the ones running and the caller close the rest.
        break;
      }
      helpers.add(helper);
    }
    closer.run();
    joinAll(helpers);
    return result(closed, failures);
  }

  private static void joinAll(List<Thread> helpers) {
    boolean interrupted = false;
    for (Thread helper : helpers) {
      while (helper.isAlive()) {
        try {
          helper.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static Result result(HistoryFile.Closed[] closed, Throwable[] failures) {
    List<HistoryFile.Closed> done = new ArrayList<>(closed.length);
    Throwable failure = null;
    for (int i = 0; i < closed.length; i++) {
      if (closed[i] != null) {
        done.add(closed[i]);
      } else if (failure == null) {
        failure = failures[i];
      } else {
        failure.addSuppressed(failures[i]);
      }
    }
    return new Result(List.copyOf(done), failure);
  }
}
