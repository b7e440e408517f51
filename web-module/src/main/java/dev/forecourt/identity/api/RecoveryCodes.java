package dev.forecourt.identity.api;

import java.util.List;

/** The answer of {@code POST /auth/2fa/confirm}: ten one-time recovery codes, shown once. */
public record RecoveryCodes(List<String> recoveryCodes) {}
