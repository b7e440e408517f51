package dev.forecourt.platform.cache;

import dev.forecourt.platform.cache.ClusterSettings.Discovery;
import io.github.bucket4j.grid.infinispan.serialization.Bucket4jProtobufContextInitializer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.configuration.parsing.ConfigurationBuilderHolder;
import org.infinispan.configuration.parsing.ParserRegistry;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.remoting.transport.Address;
import org.infinispan.remoting.transport.jgroups.JGroupsTransport;
import org.jgroups.JChannel;
import org.jgroups.protocols.JDBC_PING2;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.MPING;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.dns.DNS_PING;
import org.jgroups.stack.Protocol;
import org.jgroups.stack.ProtocolStack;

/**
 * The application's one Infinispan cache manager: the Hibernate second-level cache regions (through
 * {@link ForecourtRegionFactory}), the rate-limit buckets, the intrusion ledger and the response
 * cache ({@link ResponseCache}) are caches of it ({@code META-INF/forecourt-infinispan.xml}). With
 * {@code forecourt.cluster.enabled} it joins the other nodes over JGroups (TCP; discovery by {@link
 * ClusterSettings#DISCOVERY}): entities are invalidated on every node after a change, limits and
 * blocks are replicated; without, the same caches are local.
 *
 * <p>It lives in the EAR's {@code lib/} beside Hibernate: the first user (the persistence unit, a
 * filter, an EJB) starts it, the last to let go (at undeploy) stops it.
 */
public final class ApplicationCaches {

  public static final String RATE_LIMITS = "forecourt-rate-limits";
  public static final String INTRUSION_EVENTS = "forecourt-intrusion-events";
  public static final String BLOCKED_CLIENTS = "forecourt-blocked-clients";
  public static final String RESPONSES = "forecourt-responses";
  public static final String RESPONSE_TAGS = "forecourt-response-tags";

  static final String CONFIGURATION = "META-INF/forecourt-infinispan.xml";

  /** The database of {@link Discovery#JDBC}. */
  private static final String DATA_SOURCE = "jdbc/forecourt";

  /** How often a node tells the others its view, to find a partition (JGroups MERGE3). */
  private static final long MERGE_MIN_INTERVAL_MS = 2_000;

  private static final long MERGE_MAX_INTERVAL_MS = 5_000;

  /** How long a node waits for another's join before it joins without the lock. */
  private static final int JOIN_LOCK_TIMEOUT_SECONDS = 120;

  /** Ports tried after {@code forecourt.cluster.bind-port} when it is taken. */
  private static final int PORT_RANGE = 20;

  private static final Logger LOG = Logger.getLogger(ApplicationCaches.class.getName());

  private static volatile EmbeddedCacheManager manager;
  private static int users;

  private ApplicationCaches() {}

  /** The cache manager, started on first use; every call is matched by one {@link #release()}. */
  public static synchronized EmbeddedCacheManager acquire() {
    if (manager == null) {
      manager = start();
    }
    users++;
    return manager;
  }

  /** Lets go of the cache manager; the last user's release stops it. */
  public static synchronized void release() {
    if (users > 0 && --users == 0 && manager != null) {
      manager.stop();
      manager = null;
      LOG.info("Application caches stopped");
    }
  }

  /** The cache manager if a user started it, else null (nothing is cached then). */
  static EmbeddedCacheManager running() {
    return manager;
  }

  /**
   * The nodes of the cluster as this node sees them (sorted by name); this node alone when the
   * caches are local or not started.
   */
  public static synchronized List<String> clusterMembers() {
    List<Address> members = manager == null ? null : manager.getMembers();
    if (members == null) {
      return List.of(nodeName());
    }
    return members.stream().map(Object::toString).sorted().toList();
  }

  private static EmbeddedCacheManager start() {
    boolean clustered = ClusterSettings.ENABLED.get();
    ConfigurationBuilderHolder holder = parse();
    GlobalConfigurationBuilder global = holder.getGlobalConfigurationBuilder();
    global.classLoader(ApplicationCaches.class.getClassLoader());
    global.cacheManagerName("forecourt");
    global.jmx().disable();
    global
        .serialization()
        .addContextInitializers(new Bucket4jProtobufContextInitializer(), new CacheValuesImpl());
    JChannel channel = null;
    if (clustered) {
      String node = nodeName();
      channel = channel();
      global
          .transport()
          .defaultTransport()
          .transport(new JGroupsTransport(channel))
          .clusterName(ClusterSettings.NAME.get())
          .nodeName(node);
      LOG.info(
          () ->
              "Application caches: node "
                  + node
                  + " joins cluster "
                  + ClusterSettings.NAME.get()
                  + " (discovery "
                  + ClusterSettings.DISCOVERY.get().name().toLowerCase(java.util.Locale.ROOT)
                  + ")");
    } else {
      global.nonClusteredDefault();
      for (ConfigurationBuilder cache : holder.getNamedConfigurationBuilders().values()) {
        cache.clustering().cacheMode(CacheMode.LOCAL);
      }
    }
    DefaultCacheManager started;
    try (JoinLock lock = clustered ? JoinLock.take() : JoinLock.NONE) {
      started = new DefaultCacheManager(holder, true);
      if (clustered) {
        started.addListener(new PartitionMerges(started));
      }
    } catch (RuntimeException e) {
      if (channel != null) {
        channel.close(); // else its threads outlive the failed deployment
      }
      throw e;
    }
    if (clustered) {
      LOG.info(() -> "Application caches: cluster members " + started.getMembers());
    }
    return started;
  }

  private static ConfigurationBuilderHolder parse() {
    URL xml = ApplicationCaches.class.getClassLoader().getResource(CONFIGURATION);
    if (xml == null) {
      throw new IllegalStateException(CONFIGURATION + " is missing from the persistence jar");
    }
    try {
      return new ParserRegistry(ApplicationCaches.class.getClassLoader()).parse(xml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Infinispan's default TCP stack, bound as configured, its multicast discovery replaced. */
  private static JChannel channel() {
    try (InputStream stack =
        JGroupsTransport.class
            .getClassLoader()
            .getResourceAsStream("default-configs/default-jgroups-tcp.xml")) {
      JChannel channel = new JChannel(stack).name(nodeName());
      ProtocolStack protocols = channel.getProtocolStack();
      TCP tcp = protocols.findProtocol(TCP.class);
      tcp.setBindAddress(InetAddress.getByName(ClusterSettings.BIND_ADDRESS.get()));
      tcp.setBindPort(ClusterSettings.BIND_PORT.get());
      tcp.setPortRange(PORT_RANGE);
      Protocol discovery = discovery();
      protocols.insertProtocol(discovery, ProtocolStack.Position.ABOVE, MPING.class);
      protocols.removeProtocol(MPING.class);
      discovery.init(); // the stack initialised the others when the channel was created
      // a partition (a network split, a node paused for long) is noticed within ~8 s instead of
      // Infinispan's 48 s; the order matters: setMinInterval checks the old minimum against max
      protocols
          .<MERGE3>findProtocol(MERGE3.class)
          .setMinInterval(MERGE_MIN_INTERVAL_MS)
          .setMaxInterval(MERGE_MAX_INTERVAL_MS);

      return channel;
    } catch (Exception e) {
      throw new IllegalStateException("The cluster transport cannot be set up: " + e, e);
    }
  }

  private static Protocol discovery() throws NamingException, SQLException {
    return switch (ClusterSettings.DISCOVERY.get()) {
      case JDBC -> jdbcDiscovery((DataSource) new InitialContext().lookup(DATA_SOURCE));
      case STATIC -> new TCPPING().setInitialHosts(members()).setPortRange(0);
      case DNS ->
          new DNS_PING()
              .setDNSQuery(
                  ClusterSettings.DNS_QUERY
                      .find()
                      .orElseThrow(
                          () ->
                              new IllegalStateException(
                                  "forecourt.cluster.dns-query is needed with discovery dns")));
    };
  }

  /**
   * Discovery through the table {@code forecourt_cluster.members} of the application's database:
   * each node writes its address there. The table lives in a schema of its own, created here if
   * missing: the cache manager starts with the persistence unit, before Flyway migrates the
   * application's schema, which must stay Flyway's alone.
   */
  private static JDBC_PING2 jdbcDiscovery(DataSource database) throws SQLException {
    createTables(database);
    // writeDataOnFind: a node writes its row before it reads the others', so that nodes starting
    // at the same moment find each other; without, two instances started together each formed a
    // cluster of their own, merged only later, and the entity regions started meanwhile kept a
    // member list of one (node 2 read 17 of 20 changed vehicles stale)
    JDBC_PING2 ping =
        new JDBC_PING2()
            .setDataSource(database)
            .setInitializeSql(null)
            .setInsertSingleSql("INSERT INTO forecourt_cluster.members values (?, ?, ?, ?, ?)")
            .setDeleteSingleSql("DELETE FROM forecourt_cluster.members WHERE address=?")
            .setClearSql("DELETE FROM forecourt_cluster.members WHERE cluster=?")
            .setSelectAllPingdataSql(
                "SELECT address, name, ip, coord FROM forecourt_cluster.members WHERE cluster=?");
    ping.writeDataOnFind(true);
    return ping;
  }

  /**
   * The discovery table and the join lock's. Nodes started together run this at the same moment:
   * PostgreSQL's {@code IF NOT EXISTS} is not safe against a concurrent creation (a duplicate key
   * in its catalogue), so a failed statement is tried once more, when the other node has created
   * it.
   */
  private static void createTables(DataSource database) throws SQLException {
    List<String> ddl =
        List.of(
            "CREATE SCHEMA IF NOT EXISTS forecourt_cluster",
            "CREATE TABLE IF NOT EXISTS forecourt_cluster.members (address varchar(200) NOT NULL,"
                + " name varchar(200), cluster varchar(200) NOT NULL, ip varchar(200) NOT NULL,"
                + " coord boolean, PRIMARY KEY (address))",
            "CREATE TABLE IF NOT EXISTS forecourt_cluster.join_lock (name varchar(20) NOT NULL,"
                + " PRIMARY KEY (name))");
    for (String statement : ddl) {
      try {
        execute(database, statement);
      } catch (SQLException raced) {
        execute(database, statement);
      }
    }
    try {
      execute(
          database,
          "INSERT INTO forecourt_cluster.join_lock SELECT 'join' WHERE NOT EXISTS"
              + " (SELECT 1 FROM forecourt_cluster.join_lock)");
    } catch (SQLException raced) {
      // another node inserted the row at the same moment: that is all the lock needs
    }
  }

  private static void execute(DataSource database, String statement) throws SQLException {
    try (Connection c = database.getConnection();
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  /**
   * Nodes join the cluster one at a time. Two nodes started at the same moment could each find no
   * coordinator in the discovery table, both become one (JGroups picks the lowest address only
   * among the nodes each has seen) and form two clusters; JGroups merges them later, but the entity
   * regions started meanwhile do not invalidate across (ClusterIT saw 20 of 20 reads stale on a
   * clean-clone run). A node holds the row lock of {@code forecourt_cluster.join_lock} while its
   * channel connects, so the second finds the first as coordinator. The database drops the lock of
   * a node that dies meanwhile.
   */
  private static final class JoinLock implements AutoCloseable {
    static final JoinLock NONE = new JoinLock(null);

    private final Connection connection;

    private JoinLock(Connection connection) {
      this.connection = connection;
    }

    static JoinLock take() {
      if (ClusterSettings.DISCOVERY.get() != Discovery.JDBC) {
        return NONE;
      }
      Connection c = null;
      try {
        c = ((DataSource) new InitialContext().lookup(DATA_SOURCE)).getConnection();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
          // a node whose join hangs does not keep the others waiting for ever
          s.setQueryTimeout(JOIN_LOCK_TIMEOUT_SECONDS);
          s.execute("SELECT name FROM forecourt_cluster.join_lock FOR UPDATE");
        }
        return new JoinLock(c);
      } catch (NamingException | SQLException e) {
        LOG.warning(
            "Application caches: joining without the join lock (nodes started at the same moment"
                + " may form two clusters until they merge): "
                + e.getMessage());
        closeQuietly(c);
        return NONE;
      }
    }

    @Override
    public void close() {
      closeQuietly(connection);
    }

    private static void closeQuietly(Connection c) {
      if (c == null) {
        return;
      }
      try {
        c.rollback();
        c.setAutoCommit(true);
      } catch (SQLException e) {
        LOG.fine(() -> "join lock: " + e);
      }
      try {
        c.close();
      } catch (SQLException e) {
        LOG.fine(() -> "join lock: " + e);
      }
    }
  }

  private static List<InetSocketAddress> members() {
    List<InetSocketAddress> members = new ArrayList<>();
    for (String member : ClusterSettings.MEMBERS.find().orElse(List.of())) {
      int bracket = member.indexOf('[');
      members.add(
          new InetSocketAddress(
              member.substring(0, bracket),
              Integer.parseInt(member.substring(bracket + 1, member.length() - 1))));
    }
    if (members.isEmpty()) {
      throw new IllegalStateException("forecourt.cluster.members is needed with discovery static");
    }
    return members;
  }

  /**
   * This node's name: the Payara instance's (unique in its domain), WildFly's node name ({@code
   * -Djboss.node.name}, unique per server of a host), else the host's.
   */
  public static String nodeName() {
    String instance = System.getProperty("com.sun.aas.instanceName");
    if (instance == null) {
      instance = System.getProperty("jboss.node.name");
    }
    if (instance != null) {
      return instance;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "node";
    }
  }
}
