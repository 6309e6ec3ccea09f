package io.strata.local.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds Node.js and kinesalite, installing kinesalite with npm into a cache folder on first use
 * ({@code npm install --prefix <dir> kinesalite@3.3.3}): a pinned version, no global install and no
 * root rights, and nothing of it in the repository or the lake. A machine without Node.js simply
 * has no local stream endpoint; {@link #command} then says why.
 */
final class Kinesalite {

  static final String VERSION = "3.3.3";

  private Kinesalite() {}

  /** Why the endpoint cannot start here, or the command line that starts it. */
  record Command(List<String> argv, String problem) {

    boolean available() {
      return problem == null;
    }
  }

  static Path defaultInstallDir() {
    return Path.of(System.getProperty("user.home"), ".cache", "strata", "kinesalite-" + VERSION);
  }

  /**
   * The command that runs kinesalite on this port, keeping its data in {@code dataDir}; installs it
   * first when needed (about 10 s, once).
   */
  static Command command(Path installDir, int port, Path dataDir) {
    Optional<String> node = version("node");
    if (node.isEmpty()) {
      return new Command(
          List.of(),
          "Node.js is not installed (no 'node' on the PATH); install Node.js 18 or later for the"
              + " local Kinesis endpoint");
    }
    Path cli = installDir.resolve("node_modules/kinesalite/cli.js");
    if (!Files.isRegularFile(cli)) {
      String problem = install(installDir);
      if (problem != null) {
        return new Command(List.of(), problem);
      }
    }
    return new Command(
        List.of(
            "node",
            cli.toString(),
            "--port",
            Integer.toString(port),
            "--path",
            dataDir.toString(),
            "--createStreamMs",
            "0",
            "--deleteStreamMs",
            "0",
            "--updateStreamMs",
            "0"),
        null);
  }

  private static String install(Path installDir) {
    try {
      Files.createDirectories(installDir);
      Process npm =
          new ProcessBuilder(
                  "npm",
                  "install",
                  "--no-audit",
                  "--no-fund",
                  "--prefix",
                  installDir.toString(),
                  "kinesalite@" + VERSION)
              .redirectErrorStream(true)
              .redirectOutput(installDir.resolve("npm-install.log").toFile())
              .start();
      if (!npm.waitFor(5, TimeUnit.MINUTES)) {
        npm.destroy();
        return "Cannot install kinesalite " + VERSION + " with npm: it took over 5 minutes";
      }
      if (npm.exitValue() != 0) {
        return "Cannot install kinesalite "
            + VERSION
            + " with npm (exit "
            + npm.exitValue()
            + "): see "
            + installDir.resolve("npm-install.log");
      }
      return null;
    } catch (IOException e) {
      return "Cannot install kinesalite " + VERSION + " with npm: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "Cannot install kinesalite " + VERSION + ": interrupted";
    }
  }

  private static Optional<String> version(String program) {
    try {
      Process process = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes()).trim();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0
          ? Optional.of(out)
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
