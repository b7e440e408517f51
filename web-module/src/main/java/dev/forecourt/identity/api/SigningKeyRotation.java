package dev.forecourt.identity.api;

/**
 * The answer of {@code POST /auth/signing-keys/rotate}: the key id ({@code kid}) of the new signing
 * key.
 */
public record SigningKeyRotation(String kid) {}
