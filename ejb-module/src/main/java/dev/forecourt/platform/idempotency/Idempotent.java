package dev.forecourt.platform.idempotency;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A creating use case that honours the {@code Idempotency-Key} its caller sent (the {@link
 * IdempotencyKey} parameter): the first call's answer is remembered with the key, in the same
 * transaction as the change; a retry with the same key and arguments gets that answer again and
 * changes nothing; the same key with other arguments → 422 {@code idempotency-key-reused}; a retry
 * while the first call is still running → 409 {@code idempotency-conflict}. Enforced by {@link
 * IdempotencyInterceptor}.
 */
@InterceptorBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Idempotent {}
