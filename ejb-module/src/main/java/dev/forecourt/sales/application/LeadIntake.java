package dev.forecourt.sales.application;

import dev.forecourt.platform.audit.Audited;
import dev.forecourt.platform.observability.UseCase;
import dev.forecourt.sales.domain.Lead;
import dev.forecourt.sales.domain.LeadSource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * Leads received from integrations whose message was already authenticated (signature checked by
 * the caller, in the same transaction). Idempotent per source and external reference: the same
 * marketplace lead again answers the lead created the first time.
 */
@UseCase
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class LeadIntake {

  /** The lead and whether this call created it. */
  public record Received(LeadView lead, boolean created) {
    /** The lead's id (what the audit trail records). */
    public long id() {
      return lead.id();
    }
  }

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @Inject SalesEvents events;

  @Audited(entity = "lead", action = "receive")
  public Received receive(@NotNull String source, @NotNull @Valid MarketplaceLead lead) {
    List<Lead> existing =
        em.createQuery(
                "select l from Lead l where l.externalSource = :source"
                    + " and l.externalRef = :ref",
                Lead.class)
            .setParameter("source", source)
            .setParameter("ref", lead.externalId())
            .getResultList();
    if (!existing.isEmpty()) {
      return new Received(LeadView.of(existing.get(0)), false);
    }
    LeadDraft draft =
        new LeadDraft(
            null,
            lead.customer(),
            lead.dealershipCode(),
            lead.vehicleId(),
            LeadSource.MARKETPLACE,
            lead.message());
    Lead created =
        Sales.newLead(
            em,
            draft,
            null,
            "integration:" + source,
            new ExternalReference(source, lead.externalId()));
    events.leadCreated(created);
    return new Received(LeadView.of(created), true);
  }
}
