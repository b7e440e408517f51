package dev.forecourt.testing;

import dev.forecourt.platform.events.DomainEvents;
import dev.forecourt.platform.events.EventType;
import dev.forecourt.platform.events.Outbox;
import dev.forecourt.platform.events.OutboxWritten;
import dev.forecourt.platform.security.AddressRange;
import dev.forecourt.platform.security.ApiKeyPrincipal;
import dev.forecourt.platform.security.AssignedCaller;
import dev.forecourt.platform.security.CallerDealerships;
import dev.forecourt.platform.security.DealershipBound;
import dev.forecourt.platform.security.DealershipNotAssigned;
import dev.forecourt.platform.security.DealershipOf;
import dev.forecourt.platform.security.DealershipScopeInterceptor;
import dev.forecourt.platform.security.DealershipScoped;
import dev.forecourt.platform.security.SecretCipher;
import dev.forecourt.platform.security.SecuritySettings;
import dev.forecourt.platform.security.Sha256;
import dev.forecourt.platform.security.SpecialAddresses;
import dev.forecourt.platform.security.TokenPrincipal;
import dev.forecourt.platform.security.TrustedProxies;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Filter;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one factory of in-container test deployments. Payara Micro deploys WARs only, so a test WAR
 * carries what the EAR carries: the persistence jar as built (entities, persistence.xml, Flyway
 * migrations), the EAR's lib/ (Hibernate ORM, Infinispan, Flyway) and the EJB module's packages
 * under test.
 */
public final class Deployments {

  private Deployments() {}

  /** A WAR with the inventory context, the schema migration and everything they need. */
  public static WebArchive inventory(String name) {
    return base(name).addAsResource("META-INF/microprofile-config.properties");
  }

  /**
   * A WAR with the sales context on top of inventory: leads, test drives, deals, reports,
   * idempotency, the domain events' outbox and the webhook subscriptions (not the JMS side, which
   * Payara Micro does not carry: the system tests cover it on Payara Server).
   */
  public static WebArchive sales(String name) {
    return inventory(name)
        .addPackages(
            true,
            notInPersistenceJar(),
            "dev.forecourt.sales.application",
            "dev.forecourt.platform.idempotency")
        .addClasses(
            dev.forecourt.integration.application.EventFanOut.class,
            dev.forecourt.integration.application.WebhookDeliveries.class,
            dev.forecourt.integration.application.WebhookService.class,
            dev.forecourt.integration.application.WebhookUrlRefused.class,
            dev.forecourt.integration.application.WebhookSignature.class,
            dev.forecourt.integration.application.WebhookDraft.class,
            dev.forecourt.integration.application.WebhookView.class,
            dev.forecourt.integration.application.DeliveryView.class);
  }

  private static WebArchive base(String name) {
    return ShrinkWrap.create(WebArchive.class, name + ".war")
        .addPackages(
            true,
            notInPersistenceJar(),
            "dev.forecourt.testing",
            "dev.forecourt.inventory.application",
            "dev.forecourt.platform.problem",
            "dev.forecourt.platform.persistence",
            "dev.forecourt.platform.cache",
            "dev.forecourt.platform.config",
            "dev.forecourt.platform.audit",
            "dev.forecourt.platform.observability",
            "dev.forecourt.inventory.infrastructure")
        // the dealership scoping and the audit trail the services are bound to (not the token
        // verification)
        .addClasses(
            DealershipScoped.class,
            DealershipScopeInterceptor.class,
            DealershipBound.class,
            DealershipOf.class,
            TokenPrincipal.class,
            SecretCipher.class,
            SecuritySettings.class,
            CallerDealerships.class,
            DealershipNotAssigned.class,
            AssignedCaller.class,
            ApiKeyPrincipal.class,
            Sha256.class)
        // what the configuration check validates the proxy and webhook allow-lists with
        .addClasses(
            TrustedProxies.class,
            AddressRange.class,
            SpecialAddresses.class,
            dev.forecourt.integration.application.WebhookTargets.class,
            // where the webhook allow-list is declared (and the inbound secret's rule it holds)
            dev.forecourt.integration.application.IntegrationSettings.class,
            dev.forecourt.integration.application.WebhookSignature.class)
        // the outbox the services write their domain events to (not the relay: Micro has no JMS)
        .addClasses(DomainEvents.class, Outbox.class, OutboxWritten.class, EventType.class)
        .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
        .addAsWebInfResource("test-deployment/glassfish-web.xml", "glassfish-web.xml")
        .addAsLibraries(persistenceJar())
        .addAsLibraries(earLibraries());
  }

  /**
   * The classes of a package that the persistence jar (added as a library) does not carry: some
   * packages are split between it and this module (e.g. {@code platform.config}), and the same bean
   * in both would be ambiguous.
   */
  private static Filter<ArchivePath> notInPersistenceJar() {
    Path classes = Path.of(System.getProperty("forecourt.persistence.classes"));
    return path -> !Files.exists(classes.resolve(path.get().substring(1)));
  }

  private static JavaArchive persistenceJar() {
    File classes = new File(System.getProperty("forecourt.persistence.classes"));
    return ShrinkWrap.create(ExplodedImporter.class, "forecourt-persistence.jar")
        .importDirectory(classes)
        .as(JavaArchive.class);
  }

  private static File[] earLibraries() {
    File dir = new File(System.getProperty("forecourt.ear-lib"));
    File[] jars =
        Objects.requireNonNull(
            dir.listFiles((d, n) -> n.endsWith(".jar")), "no EAR libraries in " + dir);
    return Arrays.stream(jars).toArray(File[]::new);
  }
}
