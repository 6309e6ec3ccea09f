package io.strata.core.history;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import io.airlift.compress.zstd.ZstdCompressor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compresses one Parquet page with ZSTD. The native libzstd (zstd-jni) at level 1 is several times
 * faster than any pure-Java ZSTD (measured here on the benchmark's data: about 400 MB/s against 80
 * MB/s of aircompressor's level 3, with a slightly better ratio), and compression was the largest
 * single cost of writing history. Where the native library cannot be used (a GraalVM native image,
 * which carries neither the library nor its JNI registrations; a platform zstd-jni has no build
 * for; zstd-jni left off the classpath), pages go to aircompressor instead: slower, same format.
 */
interface PageCompressor extends AutoCloseable {

  /** The ZSTD level of the native compressor: the fastest standard level. */
  int NATIVE_LEVEL = 1;

  /** The largest compressed size of {@code length} input bytes. */
  int maxCompressedLength(int length);

  /** Compresses {@code input[0, length)} into {@code output}; returns the compressed length. */
  int compress(byte[] input, int length, byte[] output);

  /** Releases native memory; the compressor must not be used afterwards. */
  @Override
  void close();

  /** A new compressor: native when the library loads, pure Java otherwise. */
  static PageCompressor create() {
    return NativeZstd.AVAILABLE ? new NativeZstd() : new JavaZstd();
  }

  /** libzstd through zstd-jni, one reused compression context. */
  final class NativeZstd implements PageCompressor {

    /** The system property a GraalVM native image sets, at build time and at run time. */
    static final String NATIVE_IMAGE_PROPERTY = "org.graalvm.nativeimage.imagecode";

    static final boolean AVAILABLE =
        usable(System.getProperty(NATIVE_IMAGE_PROPERTY) != null, () -> Zstd.compressBound(1));

    private final ZstdCompressCtx context = new ZstdCompressCtx().setLevel(NATIVE_LEVEL);

    /**
     * Whether libzstd can be used: never in a native image, which would fail only at the first page
     * otherwise; elsewhere when the probe, a call into the library, links and runs.
     */
    static boolean usable(boolean inNativeImage, Runnable probe) {
      Logger log = LoggerFactory.getLogger(PageCompressor.class);
      if (inNativeImage) {
        log.info("Native image: history pages use pure-Java ZSTD");
        return false;
      }
      try {
        probe.run();
        return true;
      } catch (LinkageError | RuntimeException e) {
        log.info("Native ZSTD unavailable ({}); history pages use pure-Java ZSTD", e.toString());
        return false;
      }
    }

    @Override
    public int maxCompressedLength(int length) {
      return (int) Zstd.compressBound(length);
    }

    @Override
    public int compress(byte[] input, int length, byte[] output) {
      return context.compressByteArray(output, 0, output.length, input, 0, length);
    }

    @Override
    public void close() {
      context.close();
    }
  }

  /** aircompressor's pure-Java ZSTD (its only level, 3). */
  final class JavaZstd implements PageCompressor {

    private final ZstdCompressor zstd = new ZstdCompressor();

    @Override
    public int maxCompressedLength(int length) {
      return zstd.maxCompressedLength(length);
    }

    @Override
    public int compress(byte[] input, int length, byte[] output) {
      return zstd.compress(input, 0, length, output, 0, output.length);
    }

    @Override
    public void close() {
      // Nothing native to release.
    }
  }
}
