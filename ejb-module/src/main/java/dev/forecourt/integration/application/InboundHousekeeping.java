package dev.forecourt.integration.application;

import dev.forecourt.platform.housekeeping.HousekeepingDue;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Forgets inbound message ids past their timestamp tolerance at each housekeeping run. */
@ApplicationScoped
public class InboundHousekeeping {

  @EJB InboundLeads inbound;

  void forgetOldMessages(@Observes HousekeepingDue due) {
    inbound.forgetOldMessages();
  }
}
