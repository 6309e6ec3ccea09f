package io.strata.core.validate;

/**
 * One broken rule in one record.
 *
 * @param line 1-based line of the record
 * @param column the column, or null when the rule concerns the whole record
 * @param rule a stable rule code: {@code required}, {@code type}, {@code min}, {@code max}, {@code
 *     pattern}, {@code allowed}, {@code max_length}, {@code unique_key}, {@code malformed_record}
 * @param value the offending value as text, already masked or hashed if the column is PII; null
 *     when absent
 * @param message for a person, e.g. "amount: 'abc' is not a decimal(18,2)"
 */
public record Violation(long line, String column, String rule, String value, String message) {}
