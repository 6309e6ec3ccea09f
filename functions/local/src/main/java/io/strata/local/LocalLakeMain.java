package io.strata.local;

import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;

/**
 * Entry point of the local lake: reads the command line ({@link LocalLakeOptions}) and checks that
 * the lake can start ({@link Preflight}) before Quarkus starts anything, so {@code --help}, a wrong
 * option or a port in use answer with one line instead of a started server or a stack trace. The
 * options become configuration, which {@link LocalLake} and every component read.
 */
@QuarkusMain
public final class LocalLakeMain {

  static final int USAGE_ERROR = 2;
  static final int CANNOT_START = 1;

  LocalLakeMain() {}

  public static void main(String... args) {
    LocalLakeOptions.Parsed parsed = LocalLakeOptions.parse(args);
    if (parsed instanceof LocalLakeOptions.Parsed.Help help) {
      System.out.print(help.usage());
      exit(0);
      return;
    }
    if (parsed instanceof LocalLakeOptions.Parsed.Invalid invalid) {
      System.err.println("strata-local: " + invalid.message());
      exit(USAGE_ERROR);
      return;
    }
    LocalLakeOptions options = ((LocalLakeOptions.Parsed.Valid) parsed).options();
    Preflight.Launch launch;
    try {
      launch =
          Preflight.check(
              options, Preflight.config(options.configuration()), Path.of("").toAbsolutePath());
    } catch (StartupProblem problem) {
      System.err.println(problem.getMessage());
      exit(CANNOT_START);
      return;
    }
    try (launch) {
      launch.properties().forEach(System::setProperty);
      Quarkus.run(LocalLake.class, args);
    } finally {
      // Quarkus.run only returns where the process goes on (tests launching the lake in their JVM).
      launch.properties().keySet().forEach(System::clearProperty);
    }
  }

  /** Ends the process with this status; where a test launched the lake, reports it instead. */
  private static void exit(int status) {
    ApplicationLifecycleManager.getDefaultExitCodeHandler().accept(status, null);
  }
}
