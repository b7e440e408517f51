package dev.forecourt.bench.bare;

import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/** Registers {@link BareAuthModule} for this WAR (Jakarta Authentication 3.0's one-call API). */
@WebListener
public class BareAuthModuleInstaller implements ServletContextListener {

  @Override
  public void contextInitialized(ServletContextEvent event) {
    AuthConfigFactory.getFactory()
        .registerServerAuthModule(new BareAuthModule(), event.getServletContext());
  }
}
