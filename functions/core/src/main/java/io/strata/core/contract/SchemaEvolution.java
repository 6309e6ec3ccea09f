package io.strata.core.contract;

/** How a changed contract may change the catalog table (enforced by the catalog). */
public enum SchemaEvolution {
  /** New nullable columns and safe widenings only. */
  ADDITIVE,
  /** No change at all. */
  STRICT
}
