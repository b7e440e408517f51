package dev.forecourt.platform.web;

import dev.forecourt.platform.problem.ProblemException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The instants [from, to) of the days {@code from} to {@code to} of a query (ISO dates, both
 * inclusive, UTC; both required): a missing or malformed date, or {@code to} before {@code from},
 * is a 400 {@code invalid-parameter} naming the parameter.
 */
public record DayRange(Instant from, Instant to) {

  /** The days {@code from} to {@code to}. */
  public static DayRange of(String from, String to) {
    return of(from, to, Integer.MAX_VALUE);
  }

  /** The days {@code from} to {@code to}, at most {@code maxDays} of them. */
  public static DayRange of(String from, String to, int maxDays) {
    LocalDate first = required("from", from);
    LocalDate last = required("to", to);
    if (last.isBefore(first)) {
      throw ProblemException.invalidParameter("to", "must not be before from");
    }
    if (ChronoUnit.DAYS.between(first, last) >= maxDays) {
      throw ProblemException.invalidParameter(
          "to", "must be less than " + maxDays + " days after from");
    }
    return new DayRange(
        first.atStartOfDay(ZoneOffset.UTC).toInstant(),
        last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  private static LocalDate required(String name, String raw) {
    LocalDate date =
        QueryParams.parse(name, raw, LocalDate::parse, "must be a date such as 2026-01-31");
    if (date == null) {
      throw ProblemException.invalidParameter(name, "is required (a date such as 2026-01-31)");
    }
    return date;
  }
}
