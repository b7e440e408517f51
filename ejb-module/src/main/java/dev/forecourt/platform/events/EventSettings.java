package dev.forecourt.platform.events;

import dev.forecourt.platform.config.Setting;
import dev.forecourt.platform.config.SettingGroup;
import jakarta.enterprise.context.Dependent;
import java.time.Duration;

/** The settings of the domain events' outbox. */
@Dependent
public class EventSettings implements SettingGroup {

  public static final Setting<Duration> RELAY_INTERVAL =
      Setting.duration(
              "forecourt.events.relay.interval",
              "PT5S",
              "how often each node relays outbox events left behind (read at deployment)")
          .readAtStart();

  public static final Setting<Duration> RETENTION =
      Setting.duration(
          "forecourt.events.retention",
          "P7D",
          "published outbox events and processed-event ids older than this are purged");
}
