package io.strata.core.contract;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How CSV files of a dataset are read.
 *
 * @param header true when the first record names the columns; otherwise columns are positional in
 *     contract order
 */
public record CsvOptions(char delimiter, char quote, boolean header, Charset encoding) {

  public static final CsvOptions DEFAULT = new CsvOptions(',', '"', true, StandardCharsets.UTF_8);

  public CsvOptions {
    Objects.requireNonNull(encoding, "encoding");
    if (delimiter == quote) {
      throw new ContractException("CSV delimiter and quote must differ, both are '" + quote + "'");
    }
  }
}
