package dev.forecourt.sales.application;

import dev.forecourt.inventory.application.Dealerships;
import dev.forecourt.inventory.domain.Vehicle;
import dev.forecourt.platform.problem.InvalidFields;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.UnknownReference;
import dev.forecourt.sales.domain.ActivityKind;
import dev.forecourt.sales.domain.Customer;
import dev.forecourt.sales.domain.IllegalLeadTransitionException;
import dev.forecourt.sales.domain.Lead;
import dev.forecourt.sales.domain.LeadActivity;
import dev.forecourt.sales.domain.LeadStatus;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.Collection;

/** Look-ups and answers the sales use cases share. */
final class Sales {

  private Sales() {}

  /**
   * A new NEW lead from {@code draft} (with a new customer unless an existing one is named),
   * persisted; {@code assignee} may be null, {@code actor} writes the first note; {@code external}
   * is the integration source and its reference of a lead received from a marketplace, else null.
   */
  static Lead newLead(
      EntityManager em,
      LeadDraft draft,
      String assignee,
      String actor,
      ExternalReference external) {
    if ((draft.customerId() == null) == (draft.customer() == null)) {
      throw new InvalidFields(
          "Name an existing customer or describe a new one",
          "customer",
          "give exactly one of customerId and customer");
    }
    Customer customer;
    if (draft.customerId() != null) {
      customer = em.find(Customer.class, draft.customerId());
      if (customer == null || customer.isErased()) {
        throw new UnknownReference("customer", "customerId");
      }
    } else {
      CustomerDraft c = draft.customer();
      customer =
          new Customer(
              c.firstName().trim(),
              c.lastName().trim(),
              c.email(),
              c.phone(),
              c.consentMarketing(),
              c.consentContact());
      em.persist(customer);
    }
    Vehicle vehicle = null;
    if (draft.vehicleId() != null) {
      vehicle = em.find(Vehicle.class, draft.vehicleId());
      if (vehicle == null) {
        throw new UnknownReference("vehicle", "vehicleId");
      }
    }
    Lead lead =
        new Lead(
            customer,
            Dealerships.byCode(em, draft.dealershipCode()),
            vehicle,
            draft.source(),
            assignee);
    if (external != null) {
      lead.externalReference(external.source(), external.reference());
    }
    em.persist(lead);
    if (draft.note() != null && !draft.note().isBlank()) {
      em.persist(new LeadActivity(lead, ActivityKind.NOTE, draft.note(), actor));
    }
    em.flush();
    return lead;
  }

  static Lead lead(EntityManager em, long id) {
    Lead lead = em.find(Lead.class, id);
    if (lead == null) {
      throw ProblemException.notFound("Lead", id);
    }
    return lead;
  }

  /**
   * The vehicle, its row locked until the transaction ends: deals and bookings of one vehicle queue
   * up.
   */
  static Vehicle lockedVehicle(EntityManager em, long id, String field) {
    Vehicle vehicle = em.find(Vehicle.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (vehicle == null) {
      throw new UnknownReference("vehicle", field);
    }
    return vehicle;
  }

  /**
   * Locks the salesperson's row of the schedule (made on first use) until the transaction ends:
   * bookings of one salesperson queue up as those of one vehicle do. Take it after the vehicle's
   * lock (always in that order, so two bookings never wait for each other).
   */
  static void lockSalesperson(EntityManager em, String salesperson) {
    em.createNativeQuery(
            "insert into salesperson_schedule (salesperson) values (?1) on conflict do nothing")
        .setParameter(1, salesperson)
        // Hibernate: this statement touches salesperson_schedule only (else it evicts every
        // second-level cache region)
        .setHint("org.hibernate.query.native.spaces", "salesperson_schedule")
        .executeUpdate();
    em.createNativeQuery(
            "select salesperson from salesperson_schedule where salesperson = ?1 for update")
        .setParameter(1, salesperson)
        .setHint("org.hibernate.query.native.spaces", "salesperson_schedule")
        .getResultList();
  }

  static IllegalLeadTransition illegal(IllegalLeadTransitionException e) {
    return illegal(e.getMessage(), e.allowed());
  }

  /** {@code illegal-transition}, with the stages allowed instead. */
  static IllegalLeadTransition illegal(String detail, Collection<LeadStatus> allowed) {
    return new IllegalLeadTransition(detail, allowed);
  }
}
