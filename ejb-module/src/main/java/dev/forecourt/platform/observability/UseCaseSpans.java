package dev.forecourt.platform.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;

/**
 * The span of a use case ({@link UseCase}): the one place where application services are traced.
 * Outermost among the application's interceptors, so that the audit, scope and fault tolerance work
 * of the call is inside it. Attributes name the code, never an argument: arguments hold personal
 * data.
 */
@UseCase
@Interceptor
@Priority(Interceptor.Priority.APPLICATION - 100)
public class UseCaseSpans {

  @Inject Tracing tracing;

  @AroundInvoke
  public Object span(InvocationContext call) throws Exception {
    if (!Tracing.on()) {
      return call.proceed();
    }
    Method method = call.getMethod();
    Class<?> type = method.getDeclaringClass();
    Span span =
        tracing
            .span(type.getSimpleName() + "." + method.getName(), SpanKind.INTERNAL, null)
            .setAttribute("code.namespace", type.getName())
            .setAttribute("code.function", method.getName())
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      return call.proceed();
    } catch (Exception | Error e) {
      Tracing.failed(span, e);
      throw e;
    } finally {
      span.end();
    }
  }
}
