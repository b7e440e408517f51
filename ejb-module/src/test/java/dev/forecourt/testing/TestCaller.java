package dev.forecourt.testing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.CallerOnlyCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;

/**
 * In-container tests run inside the Arquillian runner's HTTP request: this mechanism signs every
 * such request in as {@code test-admin} with the group {@code admin}, so the services' role checks
 * apply to the tests as to a signed-in admin (who is not limited to assigned dealerships).
 * Anonymous callers, the other roles, dealership scoping and the real token mechanism are covered
 * by the system tests of the EAR.
 */
@ApplicationScoped
public class TestCaller implements HttpAuthenticationMechanism {

  public static final String NAME = "test-admin";

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    return context.notifyContainerAboutLogin(
        new CallerOnlyCredential(NAME).getCaller(), Set.of("admin"));
  }
}
