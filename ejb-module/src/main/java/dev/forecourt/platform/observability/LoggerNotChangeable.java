package dev.forecourt.platform.observability;

import dev.forecourt.platform.problem.InvalidParameter;

/** A log level change named a logger outside the application's ({@code dev.forecourt}). */
public class LoggerNotChangeable extends InvalidParameter {

  private static final long serialVersionUID = 1L;

  public LoggerNotChangeable() {
    super(
        "Only the application's loggers can be changed: dev.forecourt or a logger below it",
        "logger",
        "must be dev.forecourt or a logger below it (e.g. dev.forecourt.sales)");
  }
}
