package dev.forecourt.inventory.application;

import dev.forecourt.inventory.domain.Dealership;
import dev.forecourt.platform.problem.UnknownReference;
import jakarta.persistence.EntityManager;

/** The look-up of a dealership named in a request body (field {@code dealershipCode}). */
public final class Dealerships {

  private Dealerships() {}

  /**
   * The dealership with {@code code}; 422 with a field error on {@code dealershipCode} when none
   * has it.
   */
  public static Dealership byCode(EntityManager em, String code) {
    return em.createQuery("select d from Dealership d where d.code = :code", Dealership.class)
        .setParameter("code", code)
        .getResultStream()
        .findFirst()
        .orElseThrow(() -> new UnknownReference("dealership", "dealershipCode", "code"));
  }
}
