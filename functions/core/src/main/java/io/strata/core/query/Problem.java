package io.strata.core.query;

/** Why a query or report request was refused, in the terms the API answers with. */
public enum Problem {
  /** The body is malformed: a required field is missing, a list has the wrong size (400). */
  BAD_REQUEST,
  /** A column the dataset does not have, or one the role may not see (400). */
  UNKNOWN_COLUMN,
  /** An operator that does not exist or does not apply to the column's type (400). */
  BAD_OPERATOR,
  /** A value of the wrong type, format or range (400). */
  BAD_VALUE,
  /** More filters than a query may have (400). */
  TOO_MANY_FILTERS,
  /** More values in one {@code in} list than allowed (400). */
  TOO_MANY_VALUES,
  /** More selected columns than a query may have (400). */
  TOO_MANY_COLUMNS,
  /** More {@code orderBy} entries than a query may have (400). */
  TOO_MANY_SORTS,
  /** More report parameters than a report run may pass (400). */
  TOO_MANY_PARAMETERS,
  /** The role may not do this; the message names the rule (403). */
  FORBIDDEN,
  /** No such dataset or report (404). */
  NOT_FOUND
}
