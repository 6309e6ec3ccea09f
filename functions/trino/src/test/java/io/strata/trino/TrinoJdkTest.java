package io.strata.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrinoJdkTest {

  @TempDir Path dir;

  @Test
  void takesTheNewestJdkOfAtLeastJava24AmongTheCandidates() throws IOException {
    Path jdk17 = jdk("jdk-17", "17.0.15");
    Path jdk25 = jdk("temurin-25", "25.0.1");
    Path jdk24 = jdk("jdk-24", "24");

    TrinoJdk found = TrinoJdk.find(null, List.of(jdk17, jdk25, jdk24, dir.resolve("missing")));

    assertThat(found.home()).isEqualTo(jdk25);
    assertThat(found.feature()).isEqualTo(25);
    assertThat(found.java()).isEqualTo(jdk25.resolve("bin/java"));
  }

  @Test
  void failsInOneLineNamingWhatToSetWhenNoCandidateIsJava24OrNewer() throws IOException {
    Path jdk17 = jdk("jdk-17", "17.0.15");
    Path jdk8 = jdk("jdk-8", "1.8.0_402");

    assertThatThrownBy(() -> TrinoJdk.find(null, List.of(jdk17, jdk8)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Cannot run Trino: it needs a JDK 24+ and none was found")
        .hasMessageEndingWith("install one and pass -Dtrino.java.home=<its folder>")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void refusesAConfiguredJdkOlderThanJava24() throws IOException {
    Path jdk21 = jdk("jdk-21", "21.0.2");
    Path jdk25 = jdk("jdk-25", "25");

    assertThatThrownBy(() -> TrinoJdk.find(jdk21, List.of(jdk25)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Cannot run Trino with trino.java.home "
                + jdk21
                + ": it is Java 21, Trino 476 needs Java 24 or newer");
  }

  @Test
  void refusesAConfiguredFolderThatHoldsNoJdk() {
    Path empty = dir.resolve("not-a-jdk");

    assertThatThrownBy(() -> TrinoJdk.find(empty, List.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Cannot run Trino with trino.java.home "
                + empty
                + ": no JDK there (no bin/java and release file)");
  }

  @Test
  void prefersTheConfiguredJdkOverNewerCandidates() throws IOException {
    Path jdk24 = jdk("jdk-24", "24.0.2");
    Path jdk25 = jdk("jdk-25", "25");

    assertThat(TrinoJdk.find(jdk24, List.of(jdk25)).home()).isEqualTo(jdk24);
  }

  /** A folder laid out like a JDK: bin/java and a release file naming the version. */
  private Path jdk(String name, String version) throws IOException {
    Path home = Files.createDirectories(dir.resolve(name));
    Files.createDirectories(home.resolve("bin"));
    Files.writeString(home.resolve("bin/java"), "");
    Files.writeString(
        home.resolve("release"),
        "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\nOS_NAME=\"Linux\"\n");
    return home;
  }
}
