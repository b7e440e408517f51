package dev.forecourt.sales.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.inventory.domain.Address;
import dev.forecourt.inventory.domain.Dealership;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * Erasure (GDPR): the customer's personal data and the free text about them go, the records stay.
 */
class CustomerErasureTest {

  private final Dealership berlin =
      new Dealership(
          "BER",
          "Forecourt Berlin",
          new Address("Str. 1", "Berlin", "10115", "DE"),
          ZoneId.of("Europe/Berlin"));

  @Test
  void erasingPseudonymizesAndWithdrawsEveryConsent() {
    Customer customer =
        new Customer("Erika", "Mustermann", "erika@example.org", "+49 30 1234567", true, true);
    customer.erase("customer-7");
    assertTrue(customer.isErased());
    assertNotNull(customer.erasedAt());
    assertEquals("erased", customer.firstName());
    assertEquals("customer-7", customer.lastName());
    assertNull(customer.email());
    assertNull(customer.phone());
    assertFalse(customer.consentMarketing());
    assertFalse(customer.consentContact());
  }

  @Test
  void notesAndLostReasonsAreBlankedButTheLeadKeepsItsStage() {
    Lead lead =
        new Lead(
            new Customer("Erika", "Mustermann", null, null, false, true),
            berlin,
            null,
            LeadSource.PHONE,
            "sales");
    lead.moveTo(LeadStatus.LOST, "Erika bought from her neighbour");
    LeadActivity call =
        new LeadActivity(lead, ActivityKind.CALL, "Called Erika on +49 30 1234567", "sales");
    LeadActivity silent = new LeadActivity(lead, ActivityKind.EMAIL, null, "sales");

    assertTrue(lead.eraseLostReason());
    assertTrue(call.eraseNote());
    assertFalse(silent.eraseNote(), "no text, nothing to erase");
    assertFalse(call.eraseNote(), "erased once");

    assertEquals(LeadStatus.LOST, lead.status());
    assertEquals(Customer.ERASED, lead.lostReason());
    assertEquals(Customer.ERASED, call.note());
    assertEquals(ActivityKind.CALL, call.kind());
    assertNull(silent.note());
  }

  @Test
  void aLeadWithoutReasonStaysWithout() {
    Lead lead =
        new Lead(
            new Customer("Erika", "Mustermann", null, null, false, true),
            berlin,
            null,
            LeadSource.PHONE,
            "sales");
    assertFalse(lead.eraseLostReason());
    assertNull(lead.lostReason());
    assertEquals(LeadStatus.NEW, lead.status());
  }
}
