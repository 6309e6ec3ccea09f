package io.strata.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unpacking an archive laid out like Trino's, with jars stored once and hard-linked elsewhere. */
class TrinoDistributionTest {

  @TempDir Path dir;

  @Test
  void unpacksLibAndTheIcebergPluginWithHardLinksIntoOtherPluginsResolved() throws IOException {
    // given: the iceberg plugin links to a jar stored under delta-lake and to one under lib
    Path archive = dir.resolve("trino-server.tar.gz");
    try (TarArchiveOutputStream tar = tar(archive)) {
      file(tar, "trino-server-476/lib/core.jar", "core");
      file(tar, "trino-server-476/plugin/delta-lake/hive.jar", "hive");
      file(tar, "trino-server-476/plugin/delta-lake/only-delta.jar", "delta");
      link(
          tar,
          "trino-server-476/plugin/iceberg/hive.jar",
          "trino-server-476/plugin/delta-lake/hive.jar");
      link(tar, "trino-server-476/plugin/iceberg/core.jar", "trino-server-476/lib/core.jar");
      file(tar, "trino-server-476/plugin/iceberg/iceberg.jar", "iceberg");
      file(tar, "trino-server-476/bin/launcher", "launcher");
    }
    Path target = dir.resolve("server");

    // when
    Path server = TrinoDistribution.unpack(archive, target);

    // then
    assertThat(server.resolve("lib/core.jar")).hasContent("core");
    assertThat(server.resolve("plugin/iceberg/hive.jar")).hasContent("hive");
    assertThat(server.resolve("plugin/iceberg/core.jar")).hasContent("core");
    assertThat(server.resolve("plugin/iceberg/iceberg.jar")).hasContent("iceberg");
    assertThat(server.resolve("plugin/delta-lake")).doesNotExist();
    assertThat(server.resolve("bin")).doesNotExist();
  }

  @Test
  void unpacksOnceAndReusesTheFolderAfterwards() throws IOException {
    Path archive = dir.resolve("trino-server.tar.gz");
    try (TarArchiveOutputStream tar = tar(archive)) {
      file(tar, "trino-server-476/lib/core.jar", "core");
      file(tar, "trino-server-476/plugin/iceberg/iceberg.jar", "iceberg");
    }
    Path target = TrinoDistribution.unpack(archive, dir.resolve("server"));
    Files.delete(archive);

    assertThat(TrinoDistribution.unpack(archive, target).resolve("lib/core.jar"))
        .hasContent("core");
  }

  @Test
  void refusesAMissingArchiveSayingHowToGetIt() {
    Path missing = dir.resolve("absent.tar.gz");

    assertThatThrownBy(() -> TrinoDistribution.unpack(missing, dir.resolve("server")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Cannot unpack Trino: no server archive at "
                + missing
                + " (run with -Ptrino, which resolves io.trino:trino-server:tar.gz)");
  }

  @Test
  void refusesAnArchiveWithoutTheIcebergPlugin() throws IOException {
    Path archive = dir.resolve("other.tar.gz");
    try (TarArchiveOutputStream tar = tar(archive)) {
      file(tar, "something/lib/core.jar", "core");
    }

    assertThatThrownBy(() -> TrinoDistribution.unpack(archive, dir.resolve("server")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Cannot unpack Trino: " + archive + " holds no lib/ and plugin/iceberg/ folders");
  }

  @Test
  void refusesAnEntryThatWouldLeaveTheTargetFolder() throws IOException {
    Path archive = dir.resolve("evil.tar.gz");
    try (TarArchiveOutputStream tar = tar(archive)) {
      file(tar, "trino-server-476/lib/../../escaped.jar", "evil");
    }

    assertThatThrownBy(() -> TrinoDistribution.unpack(archive, dir.resolve("server")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("entry lib/../../escaped.jar leaves");
    assertThat(dir.resolve("escaped.jar")).doesNotExist();
  }

  private static TarArchiveOutputStream tar(Path archive) throws IOException {
    OutputStream out = Files.newOutputStream(archive);
    TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out));
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    return tar;
  }

  private static void file(TarArchiveOutputStream tar, String name, String content)
      throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(bytes.length);
    tar.putArchiveEntry(entry);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }

  private static void link(TarArchiveOutputStream tar, String name, String target)
      throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK);
    entry.setLinkName(target);
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }
}
