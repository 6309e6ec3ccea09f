package io.strata.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
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

  public FunctionZip {
    Objects.requireNonNull(path, "path");
  }

  /**
   * Inspects the zip at {@code path}.
   *
   * @param contextKey the context key that points at the zip, named in the error when it is missing
   * @param buildCommand how to build the zip, named in the error when it is missing
   * @throws StrataConfigException if the zip is missing or unreadable
   */
  public static FunctionZip inspect(Path path, String contextKey, String buildCommand) {
    if (!Files.isRegularFile(path)) {
      throw new StrataConfigException(
          "Cannot use function zip "
              + path
              + ": file not found; build it first with `"
              + buildCommand
              + "` from the repository root, or point context "
              + contextKey
              + " at another zip");
    }
    try (ZipFile zip = new ZipFile(path.toFile())) {
      return new FunctionZip(path, zip.getEntry("bootstrap") != null);
    } catch (IOException e) {
      throw new StrataConfigException(
          "Cannot use function zip " + path + ": not a readable zip (" + e.getMessage() + ")", e);
    }
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
