package io.strata.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentETagsTest {

  private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");
  private static final String HELLO_MD5 = "5d41402abc4b2a76b9719d911017c592";
  private static final String WORLD_MD5 = "7d793037a0760186574b0282f2f435e7";

  @TempDir Path dir;

  private final ContentETags eTags =
      new ContentETags(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(1));

  @Test
  void aCopiedFileGetsTheMd5OfItsContent() throws Exception {
    Path file = file("hello", NOW.minusSeconds(60));

    assertThat(eTags.of(file)).contains(HELLO_MD5);
    assertThat(eTags.listed(file)).contains(HELLO_MD5);
  }

  @Test
  void touchingAFileKeepsItsETag() throws Exception {
    Path file = file("hello", NOW.minusSeconds(60));
    assertThat(eTags.of(file)).contains(HELLO_MD5);

    Files.setLastModifiedTime(file, FileTime.from(NOW.minusSeconds(10)));

    assertThat(eTags.of(file)).contains(HELLO_MD5);
  }

  @Test
  void overwritingAFileInPlaceGivesItTheNewContentsETag() throws Exception {
    Path file = file("hello", NOW.minusSeconds(60));
    assertThat(eTags.of(file)).contains(HELLO_MD5);

    // the same inode keeps its attributes, including the ETag stored for the old content
    Files.writeString(file, "world", StandardOpenOption.TRUNCATE_EXISTING);
    Files.setLastModifiedTime(file, FileTime.from(NOW.minusSeconds(10)));

    assertThat(eTags.of(file)).contains(WORLD_MD5);
  }

  @Test
  void aListingLeavesOutTheETagOfAFileThatChangedAMomentAgo() throws Exception {
    Path file = file("hello", NOW.minusMillis(200));

    assertThat(eTags.listed(file)).isEmpty();
    assertThat(eTags.of(file)).contains(HELLO_MD5);
    assertThat(eTags.listed(file)).contains(HELLO_MD5);
  }

  @Test
  void aMultipartETagOfTheS3ServerSurvivesATouchButNotANewContent() throws Exception {
    Path file = file("hello", NOW.minusSeconds(60));
    UserDefinedFileAttributeView view = userAttributes(file);
    view.write(ContentETags.ETAG_ATTRIBUTE, StandardCharsets.US_ASCII.encode("\"0123abcd-2\""));

    assertThat(eTags.of(file)).contains("0123abcd-2");
    Files.setLastModifiedTime(file, FileTime.from(NOW.minusSeconds(30)));
    assertThat(eTags.of(file)).contains("0123abcd-2");

    Files.writeString(file, "world", StandardOpenOption.TRUNCATE_EXISTING);
    Files.setLastModifiedTime(file, FileTime.from(NOW.minusSeconds(10)));
    assertThat(eTags.of(file)).contains(WORLD_MD5);
  }

  @Test
  void anObjectTheServerWroteIsStampedWithoutReadingIt() throws Exception {
    Path file = file("hello", NOW.minusSeconds(60));
    UserDefinedFileAttributeView view = userAttributes(file);
    // what the server stored, deliberately not this content's MD5: a stamp must trust it as is
    view.write(
        ContentETags.ETAG_ATTRIBUTE, ByteBuffer.wrap(java.util.HexFormat.of().parseHex(WORLD_MD5)));

    eTags.written(file);

    assertThat(eTags.of(file)).contains(WORLD_MD5);
  }

  @Test
  void aMissingFileHasNoETag() {
    assertThat(eTags.of(dir.resolve("gone.csv"))).isEmpty();
    assertThat(eTags.of(dir)).isEmpty();
  }

  private Path file(String content, Instant modified) throws Exception {
    Path file = Files.writeString(dir.resolve("object.csv"), content);
    Files.setLastModifiedTime(file, FileTime.from(modified));
    return file;
  }

  /** The file's user attributes; the test is skipped where the file system keeps none. */
  private static UserDefinedFileAttributeView userAttributes(Path file) {
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    boolean supported;
    try {
      supported = view != null && view.list() != null;
    } catch (Exception e) {
      supported = false;
    }
    assumeTrue(supported, "Skipped: this file system keeps no user attributes");
    return view;
  }
}
