package io.strata.trino;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JDK Trino runs on: Trino 476 needs Java 24 or newer, while the build runs on 17. The one
 * configured ({@code -Dtrino.java.home}, else the {@code TRINO_JAVA_HOME} variable) must qualify;
 * without one, the newest qualifying JDK among the running one, {@code JAVA_HOME} and the usual
 * install folders is taken.
 */
record TrinoJdk(Path home, int feature) {

  /** The oldest Java feature release Trino 476 starts on. */
  static final int MINIMUM = 24;

  /** Where JDKs are usually installed, each holding one JDK per folder. */
  static final List<Path> INSTALL_FOLDERS =
      List.of(
          Path.of("/usr/lib/jvm"),
          Path.of("/Library/Java/JavaVirtualMachines"),
          Path.of(System.getProperty("user.home"), ".sdkman", "candidates", "java"));

  private static final Pattern JAVA_VERSION =
      Pattern.compile("(?m)^JAVA_VERSION=\"(?:1\\.)?(\\d+)[^\"]*\"");

  /** The java launcher of this JDK. */
  Path java() {
    return home.resolve("bin").resolve("java");
  }

  /** The JDK from the environment of this run; see the type's description. */
  static TrinoJdk find() {
    String configured = System.getProperty("trino.java.home", "");
    if (configured.isBlank()) {
      configured = System.getenv().getOrDefault("TRINO_JAVA_HOME", "");
    }
    List<Path> candidates = new ArrayList<>();
    candidates.add(Path.of(System.getProperty("java.home")));
    String javaHome = System.getenv("JAVA_HOME");
    if (javaHome != null && !javaHome.isBlank()) {
      candidates.add(Path.of(javaHome));
    }
    for (Path folder : INSTALL_FOLDERS) {
      candidates.addAll(children(folder));
    }
    return find(configured.isBlank() ? null : Path.of(configured), candidates);
  }

  /**
   * The configured JDK if given, else the newest candidate of Java {@value #MINIMUM} or newer.
   *
   * @throws IllegalStateException in one line saying what to set, when none qualifies
   */
  static TrinoJdk find(Path configured, List<Path> candidates) {
    if (configured != null) {
      TrinoJdk jdk =
          of(configured)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "Cannot run Trino with trino.java.home "
                              + configured
                              + ": no JDK there (no bin/java and release file)"));
      if (jdk.feature() < MINIMUM) {
        throw new IllegalStateException(
            "Cannot run Trino with trino.java.home "
                + configured
                + ": it is Java "
                + jdk.feature()
                + ", Trino 476 needs Java "
                + MINIMUM
                + " or newer");
      }
      return jdk;
    }
    return candidates.stream()
        .map(TrinoJdk::of)
        .flatMap(Optional::stream)
        .filter(jdk -> jdk.feature() >= MINIMUM)
        .max(Comparator.comparingInt(TrinoJdk::feature))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Cannot run Trino: it needs a JDK "
                        + MINIMUM
                        + "+ and none was found (this JVM, JAVA_HOME, "
                        + INSTALL_FOLDERS
                        + "); install one and pass -Dtrino.java.home=<its folder>"));
  }

  /** The JDK in the folder, read from its {@code release} file, if it is one. */
  static Optional<TrinoJdk> of(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release) || !Files.isRegularFile(home.resolve("bin/java"))) {
      return Optional.empty();
    }
    try {
      Matcher version = JAVA_VERSION.matcher(Files.readString(release));
      return version.find()
          ? Optional.of(new TrinoJdk(home, Integer.parseInt(version.group(1))))
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + release, e);
    }
  }

  /** The JDK folders in an install folder; macOS keeps the JDK in Contents/Home. */
  private static List<Path> children(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries
          .map(p -> Files.isDirectory(p.resolve("Contents/Home")) ? p.resolve("Contents/Home") : p)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + folder, e);
    }
  }
}
