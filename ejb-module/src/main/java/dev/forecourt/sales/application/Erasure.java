package dev.forecourt.sales.application;

import java.time.Instant;

/**
 * The result of erasing a customer's personal data: the pseudonym now in its place, when it was
 * erased (the first erasure), and how much free text this call blanked (zero on a repeat unless
 * text was added meanwhile).
 */
public record Erasure(
    long customerId,
    String pseudonym,
    Instant erasedAt,
    int leads,
    int notesErased,
    int lostReasonsErased) {}
