package io.strata.aws.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/**
 * Configuration of the ingest path, shared by the ingest Lambda and the local lake. Every key can
 * be set as an environment variable ({@code strata.history-bucket} → {@code
 * STRATA_HISTORY_BUCKET}).
 */
@ConfigMapping(prefix = "strata")
public interface IngestConfig {

  /** Bucket that receives Parquet history, batch manifests, rejects and quarantined files. */
  @WithName("history-bucket")
  String historyBucket();

  /** Where dataset contracts are read from. */
  Contracts contracts();

  /** Protection of personal data. */
  Pii pii();

  /** Tuning of one ingest. */
  Ingest ingest();

  /** Where contracts live. */
  interface Contracts {

    /**
     * A directory ({@code datasets}) or an S3 prefix ({@code s3://bucket/contracts/}) holding
     * {@code <dataset>.yaml} files. Read at run time, so onboarding a dataset needs no rebuild.
     */
    @WithDefault("datasets")
    String location();

    /**
     * How often a contract file (and, in the query API, {@code access.yaml} and the reports) is
     * looked at for changes: a changed file is read again, so a raised {@code version} or a fixed
     * contract takes effect within this interval, without a restart. Each look costs a file stat
     * locally, a HEAD or LIST request on S3.
     */
    @WithName("check-interval")
    @WithDefault("10s")
    Duration checkInterval();
  }

  /** PII settings. */
  interface Pii {

    /**
     * The secret key of the keyed hash (HMAC-SHA-256) used for PII {@code hash} columns. Never
     * commit it: set it from the environment ({@code STRATA_PII_HASH_KEY}) or a secret store. A
     * dataset with a hashed column fails to ingest, loudly, while no key is set.
     */
    @WithName("hash-key")
    Optional<String> hashKey();

    /**
     * ARN or name of an AWS Secrets Manager secret whose string is the PII hash key ({@code
     * STRATA_PII_HASH_KEY_SECRET}); read once at start with the function's own credentials and
     * region. When set it takes precedence over {@code hash-key}, which then stays a local
     * fallback.
     */
    @WithName("hash-key-secret")
    Optional<String> hashKeySecret();
  }

  /** Limits and sizes of one ingest. */
  interface Ingest {

    /** Most violations listed in a quarantine report (all are counted). */
    @WithName("max-reported-errors")
    @WithDefault("1000")
    int maxReportedErrors();

    /** Longest accepted raw record (CSV record or JSON line), in bytes. */
    @WithName("max-line-bytes")
    @WithDefault("1048576")
    int maxLineBytes();

    /**
     * A gzip file may not expand beyond this many bytes (gzip bomb guard). The default, 4 GiB, fits
     * the ingest Lambda: about a third of its 15 minutes on a 1 GB function, and the business keys
     * it spills stay within the 2 GB of {@code /tmp} the CDK app gives it. Raise it together with
     * memory, {@code /tmp} and patience; plain (uncompressed) files have no such limit.
     */
    @WithName("max-decompressed-bytes")
    @WithDefault("4294967296")
    long maxDecompressedBytes();

    /**
     * A gzip file may not expand more than this many times the compressed bytes read so far (gzip
     * bomb guard, checked once {@code expansion-check-after-bytes} were decompressed). Real CSV and
     * JSON compress 5 to 50 times; bombs of zeros or blank lines about 1000 times.
     */
    @WithName("max-expansion-ratio")
    @WithDefault("100")
    int maxExpansionRatio();

    /** Decompressed bytes before {@code max-expansion-ratio} applies: small files cannot harm. */
    @WithName("expansion-check-after-bytes")
    @WithDefault("4194304")
    long expansionCheckAfterBytes();

    /** Target size of a Parquet row group, in bytes; memory is about this times open files. */
    @WithName("row-group-bytes")
    @WithDefault("16777216")
    long rowGroupBytes();

    /** Most Parquet files (partitions) open at once; the least recently used one is closed. */
    @WithName("max-open-files")
    @WithDefault("8")
    int maxOpenFiles();

    /** Most rows in one Parquet file before it rolls over to the next. */
    @WithName("max-file-rows")
    @WithDefault("10000000")
    long maxFileRows();

    /**
     * Threads that encode and compress Parquet beside the one that parses and validates: 1 (the
     * default) pipelines the two halves, 0 does everything on the calling thread.
     */
    @WithName("encoder-threads")
    @WithDefault("1")
    int encoderThreads();

    /** Size of one multipart-upload part, in bytes (at least 5 MiB). */
    @WithName("part-size")
    @WithDefault("8388608")
    int partSize();
  }
}
