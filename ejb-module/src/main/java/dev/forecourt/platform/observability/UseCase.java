package dev.forecourt.platform.observability;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An application service whose business methods are use cases: each call is a span named after the
 * use case ({@code LeadService.create}), child of the request's or the job's span. Enforced by
 * {@link UseCaseSpans}.
 */
@Inherited
@InterceptorBinding
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface UseCase {}
