package io.strata.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Fails the build when a file that looks like a key or secret is tracked by git: the local lake
 * generates a PII hash key under every {@code lake/} folder it runs in, and one was committed once.
 */
class TrackedKeyFilesTest {

  private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();

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

  private static List<String> trackedFiles() throws Exception {
    Process process;
    try {
      process =
          new ProcessBuilder("git", "-C", REPOSITORY.toString(), "ls-files", "-z")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      assumeTrue(false, "Skipped: git is not installed, so tracked files cannot be checked");
      throw e;
    }
    String output;
    try (InputStream out = process.getInputStream()) {
      output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("git ls-files finished").isTrue();
    assumeTrue(
        process.exitValue() == 0,
        "Skipped: " + REPOSITORY + " is not a git checkout, so tracked files cannot be checked");
    return Arrays.stream(output.split("\0")).filter(s -> !s.isEmpty()).toList();
  }
}
