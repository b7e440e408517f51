package dev.forecourt.platform.cache;

import dev.forecourt.platform.config.Setting;
import dev.forecourt.platform.config.SettingGroup;
import java.util.List;
import java.util.Locale;

/**
 * The settings of the application's cache cluster (read once, when the cache manager starts: a
 * change needs a restart of the node).
 */
public class ClusterSettings implements SettingGroup {

  /** How a node finds the others. */
  public enum Discovery {
    /** Nodes register in the table {@code jgroups} of the application's database. */
    JDBC,
    /** A fixed list of {@code host[port]} ({@code forecourt.cluster.members}). */
    STATIC,
    /** The addresses a DNS name resolves to (a Kubernetes headless service). */
    DNS
  }

  public static final Setting<Boolean> ENABLED =
      Setting.flag(
              "forecourt.cluster.enabled",
              "false",
              "cluster the application's caches (second-level cache, rate limits, blocked clients)"
                  + " with the other nodes over JGroups")
          .serverOnly();

  public static final Setting<String> NAME =
      Setting.text(
              "forecourt.cluster.name",
              "forecourt",
              "the cluster's name: nodes with the same name and discovery form one cluster")
          .serverOnly();

  public static final Setting<String> BIND_ADDRESS =
      Setting.text(
              "forecourt.cluster.bind-address",
              "127.0.0.1",
              "the address the node's cluster transport listens on (the host's address on a"
                  + " cluster of several hosts)")
          .serverOnly();

  public static final Setting<Integer> BIND_PORT =
      Setting.integer(
              "forecourt.cluster.bind-port",
              "7800",
              1,
              65_000,
              "the first port tried for the cluster transport (the next 20 are tried when it is"
                  + " taken, so several nodes share a host); the failure detector uses this + 50000")
          .serverOnly();

  public static final Setting<Discovery> DISCOVERY =
      Setting.<Discovery>of(
              "forecourt.cluster.discovery",
              Discovery.class,
              "jdbc",
              v -> Discovery.valueOf(v.toUpperCase(Locale.ROOT)),
              "must be jdbc, static or dns",
              "how nodes find each other: jdbc (the table forecourt_cluster.members of jdbc/forecourt), static"
                  + " (forecourt.cluster.members) or dns (forecourt.cluster.dns-query)")
          .serverOnly();

  public static final Setting<List<String>> MEMBERS =
      Setting.list(
              "forecourt.cluster.members",
              "with discovery static: the nodes as host[port], e.g. 10.0.0.1[7800],10.0.0.2[7800]")
          .checkedBy(
              l -> l.stream().allMatch(m -> m.matches("[^\\[\\]]+\\[\\d{1,5}\\]")),
              "must be a comma-separated list of host[port]")
          .serverOnly();

  public static final Setting<String> DNS_QUERY =
      Setting.text(
              "forecourt.cluster.dns-query",
              null,
              "with discovery dns: the name whose A records are the nodes (e.g. a Kubernetes headless"
                  + " service)")
          .serverOnly();
}
