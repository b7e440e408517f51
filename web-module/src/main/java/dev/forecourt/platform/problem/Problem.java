package dev.forecourt.platform.problem;

import java.net.URI;
import java.util.List;

/**
 * The body of every error response ({@code application/problem+json}, RFC 9457), with Forecourt's
 * extensions: the request's correlation id, for invalid input the field errors, and for a conflict
 * with a state machine the values {@code allowed} instead.
 */
public record Problem(
    URI type,
    String title,
    int status,
    String detail,
    String instance,
    String correlationId,
    List<FieldError> errors,
    List<String> allowed) {}
