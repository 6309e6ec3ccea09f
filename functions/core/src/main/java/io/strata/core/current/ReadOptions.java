package io.strata.core.current;

import java.lang.reflect.Constructor;
import java.util.HashMap;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.crypto.FileDecryptionProperties;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetMetricsCallback;

/**
 * Parquet read options without Hadoop. parquet-java's only public way to them, {@code
 * ParquetReadOptions.Builder}, makes a Hadoop codec factory in its field initializers (loading
 * Hadoop's zlib classes, absent from the functions) before any {@code withCodecFactory} could
 * replace it; so the options are made through their own constructor, reached by reflection, with
 * {@link ZstdPageCodec}. Filters are off: every row is read. The constructor's signature is that of
 * parquet-java 1.18; a version that changes it fails here with a clear message, and in tests.
 */
final class ReadOptions {

  private static final Constructor<ParquetReadOptions> CONSTRUCTOR = constructor();

  private ReadOptions() {}

  /** Options decoding pages with {@code codec}, with no filter. */
  static ParquetReadOptions with(CompressionCodecFactory codec) {
    try {
      return CONSTRUCTOR.newInstance(
          false, // useSignedStringMinMax
          false, // useStatsFilter
          false, // useDictionaryFilter
          false, // useRecordFilter
          false, // useColumnIndexFilter
          false, // usePageChecksumVerification
          false, // useBloomFilter
          false, // useOffHeapDecryptBuffer
          false, // useHadoopVectoredIo
          FilterCompat.NOOP,
          ParquetMetadataConverter.NO_FILTER,
          codec,
          new HeapByteBufferAllocator(),
          8 * 1024 * 1024, // maxAllocationSize, parquet's default
          new HashMap<String, String>(),
          null, // no decryption
          null, // no metrics callback
          new PlainParquetConfiguration());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot make Parquet read options: " + e, e);
    }
  }

  private static Constructor<ParquetReadOptions> constructor() {
    try {
      Constructor<ParquetReadOptions> constructor =
          ParquetReadOptions.class.getDeclaredConstructor(
              boolean.class,
              boolean.class,
              boolean.class,
              boolean.class,
              boolean.class,
              boolean.class,
              boolean.class,
              boolean.class,
              boolean.class,
              FilterCompat.Filter.class,
              ParquetMetadataConverter.MetadataFilter.class,
              CompressionCodecFactory.class,
              org.apache.parquet.bytes.ByteBufferAllocator.class,
              int.class,
              java.util.Map.class,
              FileDecryptionProperties.class,
              ParquetMetricsCallback.class,
              ParquetConfiguration.class);
      constructor.setAccessible(true);
      return constructor;
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(
          "Cannot read Parquet without Hadoop: this parquet-java version lacks the 1.18"
              + " ParquetReadOptions constructor",
          e);
    }
  }
}
