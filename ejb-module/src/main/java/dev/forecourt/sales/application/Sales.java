package dev.forecourt.sales.application;

import dev.forecourt.inventory.domain.Vehicle;
import dev.forecourt.platform.problem.FieldError;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;
import dev.forecourt.sales.domain.IllegalLeadTransitionException;
import dev.forecourt.sales.domain.Lead;
import dev.forecourt.sales.domain.LeadStatus;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;

/** Look-ups and answers the sales use cases share. */
final class Sales {

  private Sales() {}

  static Lead lead(EntityManager em, long id) {
    Lead lead = em.find(Lead.class, id);
    if (lead == null) {
      throw ProblemException.notFound("Lead", id);
    }
    return lead;
  }

  /** The vehicle, its row locked until the transaction ends: deals and bookings of one vehicle queue up. */
  static Vehicle lockedVehicle(EntityManager em, long id, String field) {
    Vehicle vehicle = em.find(Vehicle.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (vehicle == null) {
      throw new ProblemException(ProblemType.VALIDATION_FAILED, "Unknown vehicle",
          List.of(new FieldError(field, "no vehicle has this id")));
    }
    return vehicle;
  }

  static ProblemException illegal(IllegalLeadTransitionException e) {
    return illegal(e.getMessage(), e.allowed());
  }

  /** 409 {@code illegal-transition}, with the stages allowed instead. */
  static ProblemException illegal(String detail, Collection<LeadStatus> allowed) {
    return new ProblemException(ProblemType.ILLEGAL_TRANSITION, detail)
        .allowed(allowed.stream().map(Enum::name).toList());
  }
}
