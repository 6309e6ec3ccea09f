package io.strata.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's own walkthrough ("Try the local lake", then "Query the lake") as a user would,
 * against a lake this test starts from the packaged jar on free ports and a fresh data folder, and
 * checks that every answer the README shows appears. The blocks are read from the README, never
 * copied: a README that drifts from the lake fails the build.
 */
class ReadmeWalkthroughIT {

  private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
  private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
  private static final String MARKER = "@@readme-block-";

  @TempDir static Path work;

  private static Process lake;
  private static Path lakeLog;
  private static int s3Port;
  private static int httpPort;

  @BeforeAll
  static void startTheLake() throws Exception {
    for (String tool : List.of("bash", "curl", "aws")) {
      assumeTrue(
          onPath(tool),
          "Skipped: the README walkthrough needs " + tool + " on the PATH, and it is not");
    }
    assertThat(JAR).as("the packaged local lake (run in Maven's verify phase)").isRegularFile();
    s3Port = TestLakes.freePort();
    httpPort = TestLakes.freePort();
    lakeLog = work.resolve("lake.log");
    lake =
        new ProcessBuilder(
                java(),
                "-jar",
                JAR.toString(),
                "--data-dir",
                work.resolve("lake").toString(),
                "--s3-port",
                Integer.toString(s3Port),
                "--http-port",
                Integer.toString(httpPort))
            .directory(REPOSITORY.toFile())
            .redirectErrorStream(true)
            .redirectOutput(lakeLog.toFile())
            .start();
    Awaitility.await("the lake to start")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              if (!lake.isAlive()) {
                fail("The lake ended at start:%n%s", Files.readString(lakeLog));
              }
              return Files.readString(lakeLog).contains("Local lake ready");
            });
  }

  @AfterAll
  static void stopTheLake() throws Exception {
    if (lake != null) {
      lake.destroy();
      if (!lake.waitFor(30, TimeUnit.SECONDS)) {
        lake.destroyForcibly();
      }
    }
  }

  @Test
  void theWalkthroughGivesTheAnswersItShows() throws Exception {
    String readme = Files.readString(REPOSITORY.resolve("README.md"));
    List<ReadmeBlocks.Block> blocks = new ArrayList<>();
    blocks.addAll(ReadmeBlocks.between(readme, "## Try the local lake", "## Query the lake"));
    blocks.addAll(ReadmeBlocks.between(readme, "## Query the lake", "## How ingest works"));
    assertThat(blocks).as("bash blocks of the walkthrough").hasSizeGreaterThanOrEqualTo(8);
    assertThat(blocks.stream().mapToInt(b -> b.answers().size()).sum())
        .as("answers the walkthrough shows")
        .isGreaterThanOrEqualTo(15);

    List<String> outputs = run(blocks);

    List<String> problems = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      String output = outputs.get(i);
      int from = 0;
      List<Pattern> patterns = blocks.get(i).patterns();
      for (int a = 0; a < patterns.size(); a++) {
        Matcher found = patterns.get(a).matcher(output);
        if (found.find(from)) {
          from = found.end();
        } else {
          problems.add(
              String.format(
                  "Block %d does not show%n  %s%nafter what it showed before; its output:%n%s",
                  i + 1, blocks.get(i).shown().get(a), output));
          break;
        }
      }
    }
    assertThat(problems).as("answers of the README that the lake did not give").isEmpty();
  }

  /** Runs every block in one shell, as a reader pastes them in turn; the output of each block. */
  private static List<String> run(List<ReadmeBlocks.Block> blocks) throws Exception {
    StringBuilder script = new StringBuilder();
    for (int i = 0; i < blocks.size(); i++) {
      script.append(blocks.get(i).script()).append("printf '\\n%s%d@@\\n' '").append(MARKER);
      script.append("' ").append(i).append('\n');
    }
    Path file = Files.writeString(work.resolve("walkthrough.sh"), script.toString());
    Path output = work.resolve("walkthrough.out");
    ProcessBuilder shell =
        new ProcessBuilder("bash", file.toString())
            .directory(REPOSITORY.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    Map<String, String> env = shell.environment();
    env.put("STRATA_S3", "http://localhost:" + s3Port);
    env.put("STRATA_API", "http://localhost:" + httpPort);
    env.put("STRATA_LAKE", work.resolve("lake").toString());
    env.put("PATH", Path.of(java()).getParent() + File.pathSeparator + env.get("PATH"));
    env.put("AWS_CONFIG_FILE", work.resolve("no-aws-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-aws-credentials").toString());
    env.put("AWS_PAGER", "");
    env.remove("AWS_PROFILE");
    Process walkthrough = shell.start();
    if (!walkthrough.waitFor(8, TimeUnit.MINUTES)) {
      walkthrough.destroyForcibly();
      fail("The walkthrough did not finish in 8 minutes:%n%s", Files.readString(output));
    }
    String all = Files.readString(output, StandardCharsets.UTF_8);
    List<String> outputs = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < blocks.size(); i++) {
      String marker = MARKER + i + "@@";
      int end = all.indexOf(marker, from);
      if (end < 0) {
        fail(
            "The walkthrough stopped in block %d:%n%s%nThe lake's log:%n%s",
            i + 1, all.substring(from), tail(lakeLog));
      }
      outputs.add(all.substring(from, end));
      from = end + marker.length();
    }
    return outputs;
  }

  private static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    return path != null
        && List.of(path.split(File.pathSeparator)).stream()
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
