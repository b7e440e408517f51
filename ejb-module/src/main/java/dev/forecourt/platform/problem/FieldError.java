package dev.forecourt.platform.problem;

/** One invalid field or parameter: its name and what is wrong with it. */
public record FieldError(String field, String message) {}
