package dev.forecourt.platform.web;

import dev.forecourt.platform.config.Setting;
import dev.forecourt.platform.config.SettingGroup;
import jakarta.enterprise.context.Dependent;

/**
 * The settings of the web module's request handling (declared here: the ejb module checks them at
 * deployment).
 */
@Dependent
public class WebSettings implements SettingGroup {

  public static final Setting<Integer> MAX_BODY_BYTES =
      Setting.integer(
          "forecourt.request.max-body-bytes",
          "1048576",
          1_024,
          64 * 1024 * 1024,
          "largest request body; larger is 413");
}
