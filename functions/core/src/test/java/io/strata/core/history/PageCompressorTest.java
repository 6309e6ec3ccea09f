package io.strata.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlift.compress.zstd.ZstdDecompressor;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PageCompressorTest {

  @Test
  void nativeZstdLoadsOnThisPlatformAndIsWhatCreateReturns() {
    assertThat(PageCompressor.NativeZstd.AVAILABLE).isTrue();
    try (PageCompressor compressor = PageCompressor.create()) {
      assertThat(compressor).isInstanceOf(PageCompressor.NativeZstd.class);
    }
  }

  @Test
  void aNativeImageUsesPureJavaWithoutCallingIntoTheLibrary() {
    Runnable probe =
        () -> {
          throw new AssertionError("the library must not be probed in a native image");
        };

    assertThat(PageCompressor.NativeZstd.usable(true, probe)).isFalse();
  }

  @Test
  void aLibraryThatCannotLinkOrLoadMeansPureJava() {
    assertThat(
            PageCompressor.NativeZstd.usable(
                false,
                () -> {
                  throw new UnsatisfiedLinkError("no zstd-jni in java.library.path");
                }))
        .isFalse();
    assertThat(
            PageCompressor.NativeZstd.usable(
                false,
                () -> {
                  throw new NoClassDefFoundError("com/github/luben/zstd/Zstd");
                }))
        .isFalse();
    assertThat(PageCompressor.NativeZstd.usable(false, () -> {})).isTrue();
  }

  @Test
  void nativeAndPureJavaPagesDecompressToTheSameBytes() {
    byte[] page = page();
    for (PageCompressor compressor :
        new PageCompressor[] {new PageCompressor.NativeZstd(), new PageCompressor.JavaZstd()}) {
      try (compressor) {
        byte[] compressed = new byte[compressor.maxCompressedLength(page.length)];
        int length = compressor.compress(page, page.length, compressed);

        byte[] restored = new byte[page.length];
        int restoredLength =
            new ZstdDecompressor().decompress(compressed, 0, length, restored, 0, restored.length);

        assertThat(length).isLessThan(page.length / 2);
        assertThat(restoredLength).isEqualTo(page.length);
        assertThat(Arrays.equals(restored, page)).isTrue();
      }
    }
  }

  @Test
  void compressesOnlyTheGivenLengthOfAReusedBuffer() {
    byte[] buffer = page();
    int length = 1000;
    try (PageCompressor compressor = PageCompressor.create()) {
      byte[] compressed = new byte[compressor.maxCompressedLength(length)];
      int compressedLength = compressor.compress(buffer, length, compressed);

      byte[] restored = new byte[length];
      new ZstdDecompressor().decompress(compressed, 0, compressedLength, restored, 0, length);

      assertThat(restored).isEqualTo(Arrays.copyOf(buffer, length));
    }
  }

  private static byte[] page() {
    SplittableRandom random = new SplittableRandom(7);
    StringBuilder text = new StringBuilder();
    while (text.length() < 200_000) {
      text.append("TX").append(1_000_000_000L + random.nextInt(1_000_000)).append(",EUR,");
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
