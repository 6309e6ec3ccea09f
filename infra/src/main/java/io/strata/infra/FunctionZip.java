package io.strata.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import software.amazon.awscdk.services.lambda.Runtime;

/**
 * A Lambda deployment zip built by a function module, and whether it holds a native executable (a
 * {@code bootstrap} entry, runtime {@code provided.al2023}) or a JVM application (runtime {@code
 * java21} with Quarkus' stream handler).
 */
public record FunctionZip(Path path, boolean nativeExecutable) {

  /** The handler of a Quarkus JVM Lambda; a native function ignores the handler. */
  public static final String JVM_HANDLER =
      "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

  /** The handler CloudFormation gets for a native function, which Lambda does not read. */
  public static final String NATIVE_HANDLER = "not.used.in.provided.runtime";

  private static final int ELF_HEADER_BYTES = 20;
  private static final int EM_X86_64 = 0x3E;
  private static final int EM_AARCH64 = 0xB7;

  /**
   * Where a zip comes from, named in the error when it is missing.
   *
   * @param contextKey the context key that points at the zip
   * @param buildCommand how to build the zip from the repository root
   * @param alternative another way out, appended to the error (e.g. "or set it empty ..."); may be
   *     empty
   */
  public record Origin(String contextKey, String buildCommand, String alternative) {

    public Origin {
      Objects.requireNonNull(contextKey, "contextKey");
      Objects.requireNonNull(buildCommand, "buildCommand");
      alternative = alternative == null ? "" : alternative;
    }
  }

  public FunctionZip {
    Objects.requireNonNull(path, "path");
  }

  /**
   * Inspects the zip at {@code path}. A native zip's executable ({@code bootstrap}, or the {@code
   * runner} a {@code bootstrap} script starts) must be an ELF file built for {@code architecture}.
   *
   * @param architecture the Lambda architecture, {@code arm64} or {@code x86_64}
   * @throws StrataConfigException if the zip is missing or unreadable, or its native executable is
   *     none or built for another architecture
   */
  public static FunctionZip inspect(Path path, String architecture, Origin origin) {
    if (!Files.isRegularFile(path)) {
      throw new StrataConfigException(
          "Cannot use function zip "
              + path
              + ": file not found; build it first with `"
              + origin.buildCommand()
              + "` from the repository root, or point context "
              + origin.contextKey()
              + " at another zip"
              + (origin.alternative().isEmpty() ? "" : ", " + origin.alternative()));
    }
    try (ZipFile zip = new ZipFile(path.toFile())) {
      boolean nativeExecutable = zip.getEntry("bootstrap") != null;
      if (nativeExecutable) {
        checkArchitecture(path, zip, architecture);
      }
      return new FunctionZip(path, nativeExecutable);
    } catch (IOException e) {
      throw new StrataConfigException(
          "Cannot use function zip " + path + ": not a readable zip (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Reads the ELF header of the native executable: {@code bootstrap} itself, or the {@code runner}
   * that a {@code bootstrap} script wraps (Quarkus' layout with a custom bootstrap).
   */
  private static void checkArchitecture(Path path, ZipFile zip, String architecture)
      throws IOException {
    String executable = "bootstrap";
    byte[] header = head(zip, zip.getEntry(executable));
    if (!isElf(header)) {
      ZipEntry runner = zip.getEntry("runner");
      if (runner == null) {
        throw new StrataConfigException(
            "Cannot use function zip "
                + path
                + ": bootstrap is not an ELF executable and there is no runner entry for it to"
                + " start; build the native zip again (a native dry run writes no executable)");
      }
      executable = "runner";
      header = head(zip, runner);
      if (!isElf(header)) {
        throw new StrataConfigException(
            "Cannot use function zip "
                + path
                + ": runner is not an ELF executable; build the native zip again (a native dry"
                + " run writes no executable)");
      }
    }
    if (header.length < ELF_HEADER_BYTES) {
      throw new StrataConfigException(
          "Cannot use function zip " + path + ": " + executable + " has a truncated ELF header");
    }
    int machine = (header[18] & 0xFF) | (header[19] & 0xFF) << 8;
    String builtFor =
        switch (machine) {
          case EM_AARCH64 -> "arm64";
          case EM_X86_64 -> "x86_64";
          default -> String.format("ELF machine 0x%X", machine);
        };
    if (!builtFor.equals(architecture)) {
      throw new StrataConfigException(
          "Cannot use function zip "
              + path
              + ": its native executable "
              + executable
              + " is built for "
              + builtFor
              + " but context strata:architecture is "
              + architecture
              + "; build it for "
              + architecture
              + (machine == EM_AARCH64 || machine == EM_X86_64
                  ? " or deploy with -c strata:architecture=" + builtFor
                  : ""));
    }
  }

  private static byte[] head(ZipFile zip, ZipEntry entry) throws IOException {
    try (InputStream in = zip.getInputStream(entry)) {
      return in.readNBytes(ELF_HEADER_BYTES);
    }
  }

  private static boolean isElf(byte[] header) {
    return header.length >= 4
        && header[0] == 0x7F
        && header[1] == 'E'
        && header[2] == 'L'
        && header[3] == 'F';
  }

  /** {@code provided.al2023} for a native executable, else {@code java21}. */
  public Runtime runtime() {
    return nativeExecutable ? Runtime.PROVIDED_AL2023 : Runtime.JAVA_21;
  }

  /** The handler Lambda is configured with. */
  public String handler() {
    return nativeExecutable ? NATIVE_HANDLER : JVM_HANDLER;
  }
}
