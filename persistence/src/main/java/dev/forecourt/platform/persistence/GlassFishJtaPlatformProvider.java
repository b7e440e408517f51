package dev.forecourt.platform.persistence;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.hibernate.engine.transaction.jta.platform.internal.SunOneJtaPlatform;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatform;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatformProvider;

/**
 * Hibernate's JTA platform on Payara (GlassFish): Hibernate's own detection knows WildFly's and
 * Narayana's transaction managers but not GlassFish's, and naming the platform in persistence.xml
 * ({@code hibernate.transaction.jta.platform=SunOne}) breaks the same EAR on WildFly, where that
 * JNDI name does not exist. Hibernate asks the providers registered in {@code META-INF/services}
 * first: this one answers where GlassFish's transaction manager is bound ({@code
 * java:appserver/TransactionManager}) and leaves every other server to Hibernate's detection.
 */
public final class GlassFishJtaPlatformProvider implements JtaPlatformProvider {

  @Override
  public JtaPlatform getProvidedJtaPlatform() {
    try {
      new InitialContext().lookup(SunOneJtaPlatform.TM_NAME);
      return new SunOneJtaPlatform();
    } catch (NamingException notGlassFish) {
      return null;
    }
  }
}
