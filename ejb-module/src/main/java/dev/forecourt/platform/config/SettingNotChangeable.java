package dev.forecourt.platform.config;

import dev.forecourt.platform.problem.InvalidParameter;

/** A key only the server's configuration may set (the secrets key, the cluster, the log file). */
public class SettingNotChangeable extends InvalidParameter {

  private static final long serialVersionUID = 1L;

  public SettingNotChangeable(String key) {
    super(
        key + " is set in the server's configuration only, not through the API",
        "key",
        "not changeable at runtime");
  }
}
