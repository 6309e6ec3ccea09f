package io.strata.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.services.lambda.Runtime;

class FunctionZipTest {

  private static final byte[] BOOTSTRAP_SCRIPT =
      "#!/usr/bin/env bash\n./runner\n".getBytes(StandardCharsets.UTF_8);

  @Test
  void choosesJava21AndQuarkusHandlerForAJvmZip() {
    FunctionZip zip =
        FunctionZip.inspect(TestStacks.jvmZip("probe"), "arm64", StrataStack.INGEST_ZIP);

    assertThat(zip.nativeExecutable()).isFalse();
    assertThat(zip.runtime().getName()).isEqualTo(Runtime.JAVA_21.getName());
    assertThat(zip.handler())
        .isEqualTo("io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest");
  }

  @Test
  void choosesProvidedAl2023ForAZipWithBootstrapBuiltForTheArchitecture() {
    FunctionZip zip =
        FunctionZip.inspect(
            TestStacks.nativeZip("probe", TestStacks.AARCH64), "arm64", StrataStack.INGEST_ZIP);

    assertThat(zip.nativeExecutable()).isTrue();
    assertThat(zip.runtime().getName()).isEqualTo("provided.al2023");
  }

  @Test
  void treatsBootstrapInASubfolderAsJvmZip() {
    Path zip = TestStacks.zip("nested.zip", Map.of("lib/bootstrap", "x"));

    assertThat(FunctionZip.inspect(zip, "arm64", StrataStack.INGEST_ZIP).nativeExecutable())
        .isFalse();
  }

  @Test
  void failsWhenTheNativeExecutableIsBuiltForAnotherArchitecture() {
    Path zip = TestStacks.nativeZip("probe", TestStacks.X86_64);

    assertThatThrownBy(() -> FunctionZip.inspect(zip, "arm64", StrataStack.INGEST_ZIP))
        .isInstanceOf(StrataConfigException.class)
        .hasMessage(
            "Cannot use function zip "
                + zip
                + ": its native executable bootstrap is built for x86_64 but context"
                + " strata:architecture is arm64; build it for arm64 or deploy with -c"
                + " strata:architecture=x86_64");
  }

  @Test
  void readsTheRunnerThatABootstrapScriptStarts() {
    Path zip =
        TestStacks.binaryZip(
            "script.zip",
            Map.of(
                "bootstrap", BOOTSTRAP_SCRIPT, "runner", TestStacks.elfHeader(TestStacks.AARCH64)));

    assertThat(FunctionZip.inspect(zip, "arm64", StrataStack.INGEST_ZIP).nativeExecutable())
        .isTrue();
    assertThatThrownBy(() -> FunctionZip.inspect(zip, "x86_64", StrataStack.INGEST_ZIP))
        .isInstanceOf(StrataConfigException.class)
        .hasMessageContaining(
            "its native executable runner is built for arm64 but context strata:architecture is"
                + " x86_64");
  }

  @Test
  void failsWhenABootstrapScriptHasNoRunner() {
    Path zip = TestStacks.binaryZip("stub.zip", Map.of("bootstrap", BOOTSTRAP_SCRIPT));

    assertThatThrownBy(() -> FunctionZip.inspect(zip, "arm64", StrataStack.INGEST_ZIP))
        .isInstanceOf(StrataConfigException.class)
        .hasMessage(
            "Cannot use function zip "
                + zip
                + ": bootstrap is not an ELF executable and there is no runner entry for it to"
                + " start; build the native zip again (a native dry run writes no executable)");
  }

  @Test
  void failsWhenTheExecutableIsForAMachineLambdaDoesNotRun() {
    Path zip = TestStacks.nativeZip("probe", 0x28);

    assertThatThrownBy(() -> FunctionZip.inspect(zip, "arm64", StrataStack.INGEST_ZIP))
        .isInstanceOf(StrataConfigException.class)
        .hasMessage(
            "Cannot use function zip "
                + zip
                + ": its native executable bootstrap is built for ELF machine 0x28 but context"
                + " strata:architecture is arm64; build it for arm64");
  }

  @Test
  void failsWithTheBuildCommandWhenTheZipIsMissing(@TempDir Path dir) {
    Path missing = dir.resolve("function.zip");

    assertThatThrownBy(() -> FunctionZip.inspect(missing, "arm64", StrataStack.INGEST_ZIP))
        .isInstanceOf(StrataConfigException.class)
        .hasMessage(
            "Cannot use function zip "
                + missing
                + ": file not found; build it first with `./mvnw -pl functions/ingest -am package"
                + " -DskipTests` from the repository root, or point context strata:ingestZip at"
                + " another zip");
  }

  @Test
  void offersToLeaveTheQueryApiOutWhenTheQueryZipIsMissing(@TempDir Path dir) {
    Path missing = dir.resolve("function.zip");

    assertThatThrownBy(() -> FunctionZip.inspect(missing, "arm64", StrataStack.QUERY_ZIP))
        .isInstanceOf(StrataConfigException.class)
        .hasMessage(
            "Cannot use function zip "
                + missing
                + ": file not found; build it first with `./mvnw -pl functions/query -am package"
                + " -DskipTests` from the repository root, or point context strata:queryZip at"
                + " another zip, or set it empty (-c strata:queryZip=) to deploy without the"
                + " query API");
  }

  @Test
  void failsWhenTheFileIsNoZip(@TempDir Path dir) throws Exception {
    Path text = Files.writeString(dir.resolve("function.zip"), "not a zip");

    assertThatThrownBy(() -> FunctionZip.inspect(text, "arm64", StrataStack.INGEST_ZIP))
        .isInstanceOf(StrataConfigException.class)
        .hasMessageStartingWith("Cannot use function zip " + text + ": not a readable zip");
  }
}
