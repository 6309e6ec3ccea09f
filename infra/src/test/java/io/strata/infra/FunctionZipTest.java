package io.strata.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.services.lambda.Runtime;

class FunctionZipTest {

  @Test
  void choosesJava21AndQuarkusHandlerForAJvmZip() {
    FunctionZip zip = FunctionZip.inspect(TestStacks.jvmZip("probe"), "strata:ingestZip", "build");

    assertThat(zip.nativeExecutable()).isFalse();
    assertThat(zip.runtime().getName()).isEqualTo(Runtime.JAVA_21.getName());
    assertThat(zip.handler())
        .isEqualTo("io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest");
  }

  @Test
  void choosesProvidedAl2023ForAZipWithBootstrap() {
    FunctionZip zip =
        FunctionZip.inspect(TestStacks.nativeZip("probe"), "strata:ingestZip", "build");

    assertThat(zip.nativeExecutable()).isTrue();
    assertThat(zip.runtime().getName()).isEqualTo("provided.al2023");
  }

  @Test
  void treatsBootstrapInASubfolderAsJvmZip() {
    Path zip = TestStacks.zip("nested.zip", Map.of("lib/bootstrap", "x"));

    assertThat(FunctionZip.inspect(zip, "strata:ingestZip", "build").nativeExecutable()).isFalse();
  }

  @Test
  void failsWithTheBuildCommandWhenTheZipIsMissing(@TempDir Path dir) {
    Path missing = dir.resolve("function.zip");

    assertThatThrownBy(
            () -> FunctionZip.inspect(missing, "strata:queryZip", StrataStack.QUERY_BUILD))
        .isInstanceOf(StrataConfigException.class)
        .hasMessage(
            "Cannot use function zip "
                + missing
                + ": file not found; build it first with `./mvnw -pl functions/query -am package"
                + " -DskipTests` from the repository root, or point context strata:queryZip at"
                + " another zip");
  }

  @Test
  void failsWhenTheFileIsNoZip(@TempDir Path dir) throws Exception {
    Path text = Files.writeString(dir.resolve("function.zip"), "not a zip");

    assertThatThrownBy(() -> FunctionZip.inspect(text, "strata:ingestZip", "build"))
        .isInstanceOf(StrataConfigException.class)
        .hasMessageStartingWith("Cannot use function zip " + text + ": not a readable zip");
  }
}
