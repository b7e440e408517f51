package dev.forecourt.platform.security;

/** An argument that concerns one dealership (by its rooftop code), for {@link DealershipScoped}. */
public interface DealershipBound {

  String dealershipCode();
}
