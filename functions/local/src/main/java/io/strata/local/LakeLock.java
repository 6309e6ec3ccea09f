package io.strata.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One process per lake: the lake's catalog and watcher assume they are alone on the data folder, so
 * a second lake on it (say {@code --once} while the lake runs) stops at once with one line naming
 * the process that holds it. The operating system releases the lock when the process ends, also
 * when it is killed.
 */
final class LakeLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private LakeLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static LakeLock acquire(LakeState lake) throws StartupProblem {
    Path file = lake.lockFile();
    FileChannel channel = null;
    try {
      Files.createDirectories(file.getParent());
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
        channel.close();
        throw new StartupProblem(
            "another local lake"
                + (holder.isEmpty() ? "" : " (process " + holder + ")")
                + " is running on the data folder "
                + lake.dataDir()
                + "; stop it first, or give this one its own --data-dir");
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)),
          0);
      return new LakeLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StartupProblem("cannot lock the data folder " + lake.dataDir() + ": " + e);
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException heldByThisProcess) {
      return null;
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // The lock goes with the channel anyway.
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // Nothing to keep: the process is ending or never held the lock.
      }
    }
  }
}
