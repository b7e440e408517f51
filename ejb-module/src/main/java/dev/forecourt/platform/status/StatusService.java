package dev.forecourt.platform.status;

import dev.forecourt.platform.cache.ApplicationCaches;
import dev.forecourt.platform.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The status of the node that answers, for admins (node and member names are the operator's
 * business, not the public's): which release it runs since when, and which nodes it sees.
 */
@Stateless
@RolesAllowed(Role.ADMIN_NAME)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StatusService {

  @Inject Release release;

  public ApplicationStatus status() {
    Instant started = release.startedAt();
    return new ApplicationStatus(
        release.version(),
        ApplicationCaches.nodeName(),
        started,
        Duration.between(started, Instant.now()).truncatedTo(ChronoUnit.SECONDS).toString(),
        ApplicationCaches.clusterMembers());
  }
}
