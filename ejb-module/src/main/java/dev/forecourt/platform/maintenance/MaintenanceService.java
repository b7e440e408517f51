package dev.forecourt.platform.maintenance;

import dev.forecourt.platform.audit.Audited;
import dev.forecourt.platform.persistence.AfterTransaction;
import dev.forecourt.platform.persistence.StoredTime;
import dev.forecourt.platform.security.Role;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.logging.Logger;

/**
 * The maintenance switch, for admins: read it, switch it on (with a message and a {@code
 * Retry-After} for the callers whose writes are refused) or off. Switching is audited and reaches
 * this node's {@link MaintenanceMode} at the commit, the other nodes within its cache TTL.
 */
@Stateless
@RolesAllowed(Role.ADMIN_NAME)
public class MaintenanceService {

  private static final Logger LOG = Logger.getLogger(MaintenanceService.class.getName());

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @Resource SessionContext caller;

  @Resource TransactionSynchronizationRegistry transactions;

  @Inject MaintenanceMode mode;

  /** The switch as stored (not through the cache). */
  public MaintenanceStatus status() {
    return MaintenanceStatus.of(em.find(MaintenanceState.class, MaintenanceState.ID));
  }

  @Audited(entity = "maintenance", action = "switch")
  public MaintenanceStatus change(@NotNull @Valid MaintenanceSwitch request) {
    MaintenanceState state =
        em.find(MaintenanceState.class, MaintenanceState.ID, LockModeType.PESSIMISTIC_WRITE);
    boolean on = request.active();
    String message =
        on && request.message() != null && !request.message().isBlank()
            ? request.message().strip()
            : null;
    String by = caller.getCallerPrincipal().getName();
    state.change(
        on,
        message,
        request.retryAfterOrDefault(),
        by.length() > 200 ? by.substring(0, 200) : by,
        StoredTime.now());
    AfterTransaction.completed(transactions, mode::invalidate);
    LOG.warning(() -> "Maintenance mode " + (on ? "ON" : "OFF") + " by " + by);
    return MaintenanceStatus.of(state);
  }
}
