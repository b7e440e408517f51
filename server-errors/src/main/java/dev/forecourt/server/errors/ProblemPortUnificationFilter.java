package dev.forecourt.server.errors;

import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.portunif.PUFilter;

/**
 * The port unification filter of Forecourt's HTTP listener (domain.xml {@code <port-unification
 * classname=...>}): Grizzly's own, with a {@link ProblemResponseFilter} at the head of the HTTP
 * filter chain it builds. Port unification is the one place in Payara's listener configuration
 * where a filter can sit in front of the HTTP codec.
 */
public final class ProblemPortUnificationFilter extends PUFilter {

  @Override
  public FilterChainBuilder getPUFilterChainBuilder() {
    FilterChainBuilder builder = super.getPUFilterChainBuilder();
    builder.add(new ProblemResponseFilter());
    return builder;
  }
}
