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
  /** The role may not do this; the message names the rule (403). */
  FORBIDDEN,
  /** No such dataset or report (404). */
  NOT_FOUND
}
