package io.strata.core.contract;

/** The format of a dataset's raw files; either may arrive gzipped. */
public enum SourceFormat {
  CSV,
  JSON_LINES
}
