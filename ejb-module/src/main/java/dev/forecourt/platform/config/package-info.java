/**
 * The {@code forecourt.*} MicroProfile Config keys: how a concern declares its keys once ({@link
 * dev.forecourt.platform.config.Setting}, {@link dev.forecourt.platform.config.SettingGroup}), how
 * beans read them ({@link dev.forecourt.platform.config.Settings}), and their validation at
 * deployment ({@link dev.forecourt.platform.config.ConfigurationCheck}).
 */
package dev.forecourt.platform.config;
