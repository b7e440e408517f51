package dev.forecourt.platform.observability;

import dev.forecourt.platform.config.Setting;
import dev.forecourt.platform.config.SettingGroup;
import jakarta.enterprise.context.Dependent;
import java.time.Duration;

/** When an API request's database statements are reported ({@link SlowQueries}). */
@Dependent
public class StatementSettings implements SettingGroup {

  public static final Setting<Duration> SLOW_STATEMENT =
      Setting.durationOrZero(
          "forecourt.db.slow-statement",
          "PT0.5S",
          "a statement of an API request that takes longer than this is reported as slow");

  public static final Setting<Integer> STATEMENTS_PER_REQUEST =
      Setting.integer(
          "forecourt.db.statements-per-request",
          "40",
          1,
          1_000_000,
          "an API request that sends more statements than this to the database is reported (an"
              + " N+1 suspect: one query, then one per row)");
}
