package io.strata.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.Bucket;

class DatasetFilesTest {

  @Test
  void deploysTheReportsBesideTheContractsAndLeavesMarkdownOut(@TempDir Path temp)
      throws IOException {
    Path withReports = datasets(temp.resolve("with-reports"));
    Files.createDirectories(withReports.resolve("reports"));
    Files.writeString(withReports.resolve("reports/daily_totals.sql"), "SELECT 1\n");
    Files.writeString(withReports.resolve("reports/README.md"), "# Reports\n");
    Path withoutReports = datasets(temp.resolve("without-reports"));

    Map<String, List<String>> deployed =
        deployedFiles(temp.resolve("cdk.out"), withReports, withoutReports);

    assertThat(deployed.get("WithReports"))
        .containsExactly("access.yaml", "orders.yaml", "reports/daily_totals.sql");
    assertThat(deployed.get("WithoutReports")).containsExactly("access.yaml", "orders.yaml");
  }

  /** A datasets directory: a contract, the access policy and a README (not deployed). */
  private static Path datasets(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("orders.yaml"), "name: orders\n");
    Files.writeString(dir.resolve("access.yaml"), "roles: {}\n");
    Files.writeString(dir.resolve("README.md"), "# Datasets\n");
    return dir;
  }

  /** Synthesizes one deployment per directory and lists the files of the asset each deploys. */
  private static Map<String, List<String>> deployedFiles(
      Path outdir, Path withReports, Path withoutReports) {
    App app = new App(AppProps.builder().outdir(outdir.toString()).build());
    Stack stack = new Stack(app, "Files");
    Bucket history = new Bucket(stack, "History");
    for (Path dir : List.of(withReports, withoutReports)) {
      new DatasetFiles(
          stack,
          dir.equals(withReports) ? "WithReports" : "WithoutReports",
          new DatasetFiles.Props(
              new LakeDefinition(dir, Map.of(), null),
              history,
              "_strata/datasets/",
              RetentionDays.ONE_DAY));
    }
    Path assembly = Path.of(app.synth().getDirectory());
    Template template = Template.fromStack(stack);
    Map<String, List<String>> deployed = new TreeMap<>();
    template
        .findResources("Custom::CDKBucketDeployment")
        .forEach(
            (logicalId, deployment) -> {
              String key = sourceObjectKey(deployment);
              String asset = "asset." + key.substring(0, key.length() - ".zip".length());
              deployed.put(
                  logicalId.substring(0, logicalId.indexOf("Deployment")),
                  filesUnder(assembly.resolve(asset)));
            });
    return deployed;
  }

  @SuppressWarnings("unchecked")
  private static String sourceObjectKey(Map<String, Object> deployment) {
    Map<String, Object> properties = (Map<String, Object>) deployment.get("Properties");
    List<String> keys = (List<String>) properties.get("SourceObjectKeys");
    assertThat(keys).hasSize(1);
    return keys.get(0);
  }

  private static List<String> filesUnder(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> dir.relativize(f).toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
