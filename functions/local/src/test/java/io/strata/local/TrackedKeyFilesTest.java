package io.strata.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Fails the build when a file that looks like a key or secret is tracked by git: the local lake
 * generates a PII hash key under every {@code lake/} folder it runs in, and one was committed once.
 */
class TrackedKeyFilesTest {

  private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();

  /** Folders a commit never takes files from: build output, local lakes and their state. */
  private static final Set<String> NEVER_COMMITTED =
      Set.of(".git", "target", "node_modules", "cdk.out", "lake", ".strata");

  /** File names (the last path segment) that hold keys or secrets. */
  private static final Pattern KEY_LIKE =
      Pattern.compile(
          "pii-hash-key|.*\\.pem|.*\\.p12|.*\\.pfx|id_rsa|id_ecdsa|id_ed25519|secret.*\\.(txt|key|json)",
          Pattern.CASE_INSENSITIVE);

  @Test
  void noKeyLikeFileIsTrackedByGit() throws Exception {
    List<String> tracked = trackedFiles();

    assertThat(tracked).as("files tracked by git in %s", REPOSITORY).isNotEmpty();
    assertThat(tracked.stream().filter(TrackedKeyFilesTest::isKeyLike))
        .as(
            "key-like files tracked by git: remove them with `git rm --cached <file>`, rotate the"
                + " key, and keep lake/ folders ignored")
        .isEmpty();
  }

  @Test
  void withoutGitTheSourceFilesOnDiskAreCheckedLeavingBuildOutputAndLakesOut() throws Exception {
    List<String> files = filesOnDisk();

    assertThat(files).contains("README.md", "functions/local/pom.xml");
    assertThat(files)
        .noneMatch(f -> f.startsWith(".git/") || f.contains("/target/") || f.contains("/lake/"));
  }

  @Test
  void recognisesKeyFilesByNameWherever() {
    assertThat(
            List.of(
                "functions/local/lake/.strata/pii-hash-key",
                "infra/certs/server.PEM",
                "client.p12",
                "home/.ssh/id_rsa",
                "config/secret-prod.json",
                "secrets.txt",
                "SECRET.key"))
        .allMatch(TrackedKeyFilesTest::isKeyLike);
    assertThat(
            List.of(
                "functions/aws/src/main/java/io/strata/aws/secrets/PiiKeySecrets.java",
                "home/.ssh/id_rsa.pub",
                "docs/pem-format.md",
                "datasets/secret_sauce.yaml"))
        .noneMatch(TrackedKeyFilesTest::isKeyLike);
  }

  static boolean isKeyLike(String path) {
    return KEY_LIKE.matcher(path.substring(path.lastIndexOf('/') + 1)).matches();
  }

  /**
   * The files git tracks; where git is missing or this is no git checkout (a source archive), the
   * files on disk outside build output and local lakes, which is what a commit would pick up.
   */
  private static List<String> trackedFiles() throws Exception {
    Process process;
    try {
      process =
          new ProcessBuilder("git", "-C", REPOSITORY.toString(), "ls-files", "-z")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      return filesOnDisk();
    }
    String output;
    try (InputStream out = process.getInputStream()) {
      output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("git ls-files finished").isTrue();
    if (process.exitValue() != 0) {
      return filesOnDisk();
    }
    return Arrays.stream(output.split("\0")).filter(s -> !s.isEmpty()).toList();
  }

  private static List<String> filesOnDisk() throws IOException {
    List<String> files = new ArrayList<>();
    Files.walkFileTree(
        REPOSITORY,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            return NEVER_COMMITTED.contains(String.valueOf(dir.getFileName()))
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            files.add(REPOSITORY.relativize(file).toString().replace('\\', '/'));
            return FileVisitResult.CONTINUE;
          }
        });
    return files;
  }
}
