package dev.forecourt.inventory.application;

import dev.forecourt.inventory.domain.Dealership;
import dev.forecourt.platform.problem.FieldError;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;
import jakarta.persistence.EntityManager;
import java.util.List;

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
        .orElseThrow(
            () ->
                new ProblemException(
                    ProblemType.VALIDATION_FAILED,
                    "Unknown dealership",
                    List.of(new FieldError("dealershipCode", "no dealership has this code"))));
  }
}
