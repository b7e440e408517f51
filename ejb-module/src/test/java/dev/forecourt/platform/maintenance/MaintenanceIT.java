package dev.forecourt.platform.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.platform.health.ReadinessCheck;
import dev.forecourt.testing.Deployments;
import dev.forecourt.testing.TestCaller;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The maintenance switch in the container, on the persistence provider the build selects (Hibernate
 * ORM or EclipseLink): the V8 migration's row and its mapping, switching on and off (who and since
 * when), the node's cached view following a switch at once, and the readiness check's data.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("persistence")
class MaintenanceIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.inventory("maintenance-it")
        .addClasses(
            MaintenanceMode.class,
            MaintenanceSettings.class,
            MaintenanceService.class,
            MaintenanceStatus.class,
            MaintenanceSwitch.class,
            MaintenanceReadiness.class,
            ReadinessCheck.class);
  }

  @Inject MaintenanceService service;
  @Inject MaintenanceMode mode;
  @Inject MaintenanceReadiness readiness;

  @AfterEach
  void switchOff() {
    service.change(new MaintenanceSwitch(false, null, null));
  }

  @Test
  void theSwitchIsOneRowThatIsOffUnlessSwitchedOn() {
    MaintenanceStatus status = service.status();
    assertFalse(status.active());
    assertNull(status.message());
    assertNotNull(status.since());
    assertFalse(mode.current().active());
  }

  @Test
  void switchingOnIsStoredAndSeenByThisNodeAtOnce() {
    assertFalse(mode.current().active()); // cached now
    MaintenanceStatus on =
        service.change(new MaintenanceSwitch(true, "  Upgrade until 23:30 UTC ", 120));
    assertTrue(on.active());
    assertEquals("Upgrade until 23:30 UTC", on.message());
    assertEquals(120, on.retryAfterSeconds());
    assertEquals(TestCaller.NAME, on.changedBy());

    assertEquals(on, service.status(), "read back from the database");
    assertEquals(on, mode.current(), "the cache was invalidated at the commit");

    ReadinessCheck.Result result = readiness.probe();
    assertTrue(result.up(), "maintenance never takes the node out of the load balancer");
    assertEquals(true, result.data().get("active"));
    assertEquals("Upgrade until 23:30 UTC", result.data().get("message"));
    assertEquals(on.since().toString(), result.data().get("since"));
  }

  @Test
  void sinceMovesOnlyWhenTheStateChanges() {
    MaintenanceStatus on = service.change(new MaintenanceSwitch(true, "first", 60));
    MaintenanceStatus again = service.change(new MaintenanceSwitch(true, "second", null));
    assertEquals(on.since(), again.since(), "a new message keeps when the maintenance began");
    assertEquals("second", again.message());
    assertEquals(MaintenanceSwitch.DEFAULT_RETRY_AFTER_SECONDS, again.retryAfterSeconds());

    MaintenanceStatus off = service.change(new MaintenanceSwitch(false, "ignored when off", 60));
    assertFalse(off.active());
    assertNull(off.message());
    assertTrue(off.since().isAfter(on.since()), "switching off starts a new state");
    assertFalse(mode.current().active());
    assertTrue(readiness.probe().up());
    assertEquals(false, readiness.probe().data().get("active"));
  }
}
