package dev.forecourt.sales.application;

import dev.forecourt.platform.config.Setting;
import dev.forecourt.platform.config.SettingGroup;
import jakarta.enterprise.context.Dependent;
import java.time.Duration;

/** The settings of the business figures in /metrics. */
@Dependent
public class BusinessMetricsSettings implements SettingGroup {

  public static final Setting<Duration> REFRESH =
      Setting.durationOrZero(
          "forecourt.metrics.business.refresh",
          "PT30S",
          "how long the business figures are kept before a scrape reads them again (PT0S: on every scrape)");
}
