package dev.forecourt.platform.web;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Refuses an empty body sent to an operation that takes one with 400 malformed-request, the same on
 * every server: the JAX-RS implementations differ there (Jersey, on Payara, refuses it; RESTEasy,
 * on WildFly, hands the operation {@code null}, which its validation then answers with 422).
 */
@Provider
@ApplicationScoped
@Priority(Priorities.ENTITY_CODER)
public class RequiredBody implements ContainerRequestFilter {

  private static final Set<Class<? extends Annotation>> NOT_THE_BODY =
      Set.of(
          PathParam.class,
          QueryParam.class,
          HeaderParam.class,
          CookieParam.class,
          MatrixParam.class,
          FormParam.class,
          BeanParam.class,
          Context.class);

  @Context ResourceInfo resourceInfo;

  /** Whether each resource method has a parameter for the body. */
  private final Map<Method, Boolean> takesBody = new ConcurrentHashMap<>();

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    Method method = resourceInfo.getResourceMethod();
    if (method == null || !takesBody.computeIfAbsent(method, RequiredBody::hasBodyParameter)) {
      return;
    }
    BufferedInputStream body = new BufferedInputStream(request.getEntityStream());
    body.mark(1);
    if (body.read() < 0) {
      throw new BodyMissing();
    }
    body.reset();
    request.setEntityStream(body);
  }

  private static boolean hasBodyParameter(Method method) {
    return Stream.of(method.getParameterAnnotations())
        .anyMatch(
            annotations ->
                Stream.of(annotations).noneMatch(a -> NOT_THE_BODY.contains(a.annotationType())));
  }
}
