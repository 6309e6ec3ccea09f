package io.strata.api.query;

/** A result column as the caller sees it: name, SQL type, and whether its values are masked. */
public record ResultColumnView(String name, String type, boolean masked) {}
