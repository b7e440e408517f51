package dev.forecourt.inventory.application;

import dev.forecourt.platform.config.Setting;
import dev.forecourt.platform.config.SettingGroup;
import jakarta.enterprise.context.Dependent;
import java.net.URI;

/** The settings of the external valuation service. */
@Dependent
public class ValuationSettings implements SettingGroup {

  public static final Setting<URI> URL =
      Setting.httpUrl(
          "forecourt.valuation.url",
          null,
          "base URL of the external valuation service; unset: valuations come from the fallback");
}
