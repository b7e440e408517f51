package dev.forecourt.bench.bare;

import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.MessagePolicy;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.callback.GroupPrincipalCallback;
import jakarta.security.auth.message.module.ServerAuthModule;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;

/**
 * The alternative to Jakarta Security's bridge: a Jakarta Authentication {@code ServerAuthModule}
 * registered directly ({@link BareAuthModuleInstaller}), signing a request with a bearer header in
 * as {@link BareMechanism} does, without any verification.
 */
public class BareAuthModule implements ServerAuthModule {

  private CallbackHandler handler;

  @Override
  public void initialize(
      MessagePolicy requestPolicy,
      MessagePolicy responsePolicy,
      CallbackHandler handler,
      @SuppressWarnings("rawtypes") Map options) {
    this.handler = handler;
  }

  @Override
  public Class<?>[] getSupportedMessageTypes() {
    return new Class<?>[] {HttpServletRequest.class, HttpServletResponse.class};
  }

  @Override
  public AuthStatus validateRequest(MessageInfo message, Subject client, Subject service) {
    HttpServletRequest request = (HttpServletRequest) message.getRequestMessage();
    String header = request.getHeader("Authorization");
    if (header == null || !header.startsWith("Bearer ")) {
      return AuthStatus.SUCCESS; // anonymous
    }
    try {
      handler.handle(
          new Callback[] {
            new CallerPrincipalCallback(client, "bench"),
            new GroupPrincipalCallback(client, new String[] {"staff"})
          });
    } catch (IOException | UnsupportedCallbackException e) {
      throw new IllegalStateException(e);
    }
    return AuthStatus.SUCCESS;
  }

  @Override
  public AuthStatus secureResponse(MessageInfo message, Subject service) {
    return AuthStatus.SEND_SUCCESS;
  }

  @Override
  public void cleanSubject(MessageInfo message, Subject subject) {}
}
