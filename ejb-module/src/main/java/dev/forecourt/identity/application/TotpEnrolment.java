package dev.forecourt.identity.application;

/**
 * A started enrolment: the secret (for typing in), the {@code otpauth://} URI and its QR code as a
 * PNG data URI. Shown once; the second factor is on only after {@code confirm} with a code.
 */
public record TotpEnrolment(String secret, String otpauthUri, String qrCode) {}
