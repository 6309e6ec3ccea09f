package io.strata.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Matcher;
import software.amazon.awscdk.assertions.Template;

/**
 * Stacks synthesized once per test run and shared by the test classes (synthesis starts a jsii
 * runtime and takes seconds): the context of {@code cdk.json} with stub function zips made here.
 */
final class TestStacks {

  static final Path DATASETS = Path.of("../datasets");
  private static final Path ZIPS = Path.of("target/test-zips");

  /** ELF {@code e_machine} of x86_64 and aarch64. */
  static final int X86_64 = 0x3E;

  static final int AARCH64 = 0xB7;

  private static Synthesized jvm;
  private static Synthesized nativeX86;
  private static Synthesized withoutQueryApi;

  private TestStacks() {}

  /** A synthesized stack, its template and its cdk-nag annotations. */
  record Synthesized(StrataStack stack, Template template, Annotations annotations) {}

  /** JVM zips, arm64, reserved concurrency 5, an alarm e-mail: cdk.json otherwise. */
  static synchronized Synthesized jvm() {
    if (jvm == null) {
      Map<String, Object> context = new LinkedHashMap<>();
      context.put("strata:ingestZip", jvmZip("ingest").toString());
      context.put("strata:queryZip", jvmZip("query").toString());
      context.put("strata:exportsZip", jvmZip("exports").toString());
      context.put("strata:maintenanceZip", jvmZip("maintenance").toString());
      context.put("strata:reportsZip", jvmZip("reports").toString());
      context.put("strata:ingestReservedConcurrency", 5);
      context.put("strata:alarmEmail", "lake-ops@example.com");
      jvm = synthesize(context);
    }
    return jvm;
  }

  /**
   * Native zips, x86_64, trust of another account, no reservation, no e-mail, a 20-second wait for
   * Athena, and a concrete account and region (as {@code cdk synth} with credentials gives), which
   * turns ARNs literal.
   */
  static synchronized Synthesized nativeX86() {
    if (nativeX86 == null) {
      Map<String, Object> context = new LinkedHashMap<>();
      context.put("strata:ingestZip", nativeZip("ingest", X86_64).toString());
      context.put("strata:queryZip", nativeZip("query", X86_64).toString());
      context.put("strata:exportsZip", nativeZip("exports", X86_64).toString());
      context.put("strata:maintenanceZip", nativeZip("maintenance", X86_64).toString());
      context.put("strata:reportsZip", nativeZip("reports", X86_64).toString());
      context.put("strata:maintenanceRateHours", "12");
      context.put("strata:architecture", "x86_64");
      context.put("strata:consumerTrust", "210987654321");
      context.put("strata:ingestEphemeralStorageMb", "4096");
      context.put("strata:rawRetentionDays", "30");
      context.put("strata:queryWaitSeconds", "20");
      nativeX86 =
          synthesize(
              context,
              StackProps.builder()
                  .env(Environment.builder().account("123456789012").region("eu-central-1").build())
                  .build());
    }
    return nativeX86;
  }

  /** A JVM ingest zip and an empty {@code strata:queryZip}: the lake without its query API. */
  static synchronized Synthesized withoutQueryApi() {
    if (withoutQueryApi == null) {
      Map<String, Object> context = new LinkedHashMap<>();
      context.put("strata:ingestZip", jvmZip("ingest").toString());
      context.put("strata:queryZip", "");
      context.put("strata:maintenanceZip", jvmZip("maintenance").toString());
      context.put("strata:reportsZip", jvmZip("reports").toString());
      withoutQueryApi = synthesize(context);
    }
    return withoutQueryApi;
  }

  /** cdk-nag's unsuppressed errors and warnings, as "path rule[finding]" lines. */
  static List<String> nagFindings(Synthesized synthesized) {
    Matcher nag = Match.stringLikeRegexp("AwsSolutions-.*");
    return Stream.concat(
            synthesized.annotations().findError("*", nag).stream(),
            synthesized.annotations().findWarning("*", nag).stream())
        .map(m -> m.getId() + " " + String.valueOf(m.getEntry().getData()).split(": ")[0])
        .toList();
  }

  /**
   * Context with stub JVM zips of the built functions and, for the missing one, a zip its build
   * never wrote: {@code strata:<missing>Zip} is {@code
   * ../functions/<missing>/target/not-built/function.zip}.
   */
  static Map<String, Object> zipsMissing(String missing, String... built) {
    Map<String, Object> context = new LinkedHashMap<>();
    for (String function : built) {
      context.put("strata:" + function + "Zip", jvmZip(function).toString());
    }
    context.put(
        "strata:" + missing + "Zip", "../functions/" + missing + "/target/not-built/function.zip");
    return context;
  }

  /** The context of {@code infra/cdk.json}. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> cdkJsonContext() {
    try {
      Map<String, Object> cdkJson =
          new ObjectMapper().readValue(Path.of("cdk.json").toFile(), Map.class);
      return (Map<String, Object>) cdkJson.get("context");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A stack of {@code cdk.json}'s context with the overrides (a test's zips, a setting under test),
   * not shared: for the stacks a test synthesizes once, or expects to fail.
   */
  static Synthesized synthesize(Map<String, Object> overrides) {
    return synthesize(overrides, StackProps.builder().build());
  }

  private static Synthesized synthesize(Map<String, Object> overrides, StackProps props) {
    Map<String, Object> context = new LinkedHashMap<>(cdkJsonContext());
    context.putAll(overrides);
    App app = new App(AppProps.builder().context(context).build());
    StrataConfig config = StrataConfig.from(app.getNode());
    StrataStack stack = new StrataStack(app, config.stackName(), props, config);
    Aspects.of(app).add(new AwsSolutionsChecks());
    Template template = Template.fromStack(stack);
    return new Synthesized(stack, template, Annotations.fromStack(stack));
  }

  static Path jvmZip(String name) {
    return zip(
        name + "-jvm.zip",
        Map.of("lib/strata-" + name + ".jar", "jar", "strata-" + name + "-runner.jar", "runner"));
  }

  /** A native zip whose {@code bootstrap} starts with an ELF header for the machine. */
  static Path nativeZip(String name, int machine) {
    return binaryZip(
        name + "-native-" + Integer.toHexString(machine) + ".zip",
        Map.of("bootstrap", elfHeader(machine)));
  }

  /** The first 20 bytes of a little-endian 64-bit ELF executable for the machine. */
  static byte[] elfHeader(int machine) {
    byte[] header = new byte[20];
    header[0] = 0x7F;
    header[1] = 'E';
    header[2] = 'L';
    header[3] = 'F';
    header[4] = 2; // 64-bit
    header[5] = 1; // little endian
    header[6] = 1; // ELF version
    header[16] = 2; // executable
    header[18] = (byte) (machine & 0xFF);
    header[19] = (byte) (machine >> 8);
    return header;
  }

  static Path zip(String fileName, Map<String, String> entries) {
    Map<String, byte[]> binary = new TreeMap<>();
    entries.forEach((key, text) -> binary.put(key, text.getBytes(StandardCharsets.UTF_8)));
    return binaryZip(fileName, binary);
  }

  static Path binaryZip(String fileName, Map<String, byte[]> entries) {
    try {
      Files.createDirectories(ZIPS);
      Path zip = ZIPS.resolve(fileName);
      try (OutputStream out = Files.newOutputStream(zip);
          ZipOutputStream zipOut = new ZipOutputStream(out)) {
        for (Map.Entry<String, byte[]> entry : new TreeMap<>(entries).entrySet()) {
          zipOut.putNextEntry(new ZipEntry(entry.getKey()));
          zipOut.write(entry.getValue());
          zipOut.closeEntry();
        }
      }
      return zip;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
