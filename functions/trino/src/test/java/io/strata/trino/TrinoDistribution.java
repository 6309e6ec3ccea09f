package io.strata.trino;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The part of the Trino server distribution this check runs ({@code lib/} and {@code
 * plugin/iceberg/}), unpacked once from the archive Maven resolved. The archive stores most plugin
 * jars once and the others as hard links to them, often into plugins not unpacked here; the
 * dependency plugin's unpack writes such links as empty files, so this reads the archive twice:
 * once for the links it needs, once to write each linked file under every name that needs it.
 */
final class TrinoDistribution {

  /** The folders of the distribution a single node with the Iceberg connector needs. */
  static final List<String> NEEDED = List.of("lib/", "plugin/iceberg/");

  private static final String COMPLETE = ".unpacked";

  private TrinoDistribution() {}

  /**
   * The server's folder, unpacked from the archive unless an earlier run completed it.
   *
   * @throws IllegalStateException when the archive is missing or holds no Trino server
   */
  static Path unpack(Path archive, Path target) {
    if (Files.exists(target.resolve(COMPLETE))) {
      return target;
    }
    if (!Files.isRegularFile(archive)) {
      throw new IllegalStateException(
          "Cannot unpack Trino: no server archive at "
              + archive
              + " (run with -Ptrino, which resolves io.trino:trino-server:tar.gz)");
    }
    try {
      deleteRecursively(target);
      Map<String, List<String>> links = linksToResolve(archive);
      int written = extract(archive, target, links);
      if (!Files.isDirectory(target.resolve("lib"))
          || !Files.isDirectory(target.resolve("plugin/iceberg"))) {
        throw new IllegalStateException(
            "Cannot unpack Trino: " + archive + " holds no lib/ and plugin/iceberg/ folders");
      }
      Files.writeString(target.resolve(COMPLETE), written + " files\n");
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot unpack Trino from " + archive, e);
    }
  }

  /** For each file a needed hard link points to, the needed names it has besides its own. */
  private static Map<String, List<String>> linksToResolve(Path archive) throws IOException {
    Map<String, List<String>> links = new HashMap<>();
    try (TarArchiveInputStream tar = open(archive)) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        String name = relative(entry.getName());
        if (entry.isLink() && needed(name)) {
          links.computeIfAbsent(relative(entry.getLinkName()), k -> new ArrayList<>()).add(name);
        }
      }
    }
    return links;
  }

  /** Writes every needed file and every needed name of a linked file; returns how many. */
  private static int extract(Path archive, Path target, Map<String, List<String>> links)
      throws IOException {
    int written = 0;
    try (TarArchiveInputStream tar = open(archive)) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        if (!entry.isFile() || entry.isLink() || entry.isSymbolicLink()) {
          continue; // folders are made on demand; links are written with the file they name
        }
        String name = relative(entry.getName());
        List<String> names = new ArrayList<>();
        if (needed(name)) {
          names.add(name);
        }
        names.addAll(links.getOrDefault(name, List.of()));
        if (names.isEmpty()) {
          continue;
        }
        Path first = inside(target, names.get(0));
        Files.createDirectories(first.getParent());
        Files.copy(tar, first, StandardCopyOption.REPLACE_EXISTING);
        for (String other : names.subList(1, names.size())) {
          Path path = inside(target, other);
          Files.createDirectories(path.getParent());
          link(first, path);
        }
        written += names.size();
      }
    }
    return written;
  }

  private static TarArchiveInputStream open(Path archive) throws IOException {
    InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
    return new TarArchiveInputStream(new GzipCompressorInputStream(file));
  }

  /** The name without the archive's top folder ({@code trino-server-476/}). */
  private static String relative(String name) {
    int slash = name.indexOf('/');
    return slash < 0 ? "" : name.substring(slash + 1);
  }

  private static boolean needed(String name) {
    return NEEDED.stream().anyMatch(name::startsWith);
  }

  /** The path of an archive name below target; a name that would leave it is refused. */
  private static Path inside(Path target, String name) {
    Path path = target.resolve(name).normalize();
    if (!path.startsWith(target.normalize())) {
      throw new IllegalStateException("Cannot unpack Trino: entry " + name + " leaves " + target);
    }
    return path;
  }

  /** A hard link where the file system has them, a copy elsewhere. */
  private static void link(Path existing, Path link) throws IOException {
    try {
      Files.createLink(link, existing);
    } catch (UnsupportedOperationException | FileSystemException e) {
      Files.copy(existing, link, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
