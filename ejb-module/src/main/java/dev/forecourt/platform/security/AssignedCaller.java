package dev.forecourt.platform.security;

import java.security.Principal;
import java.util.Set;

/**
 * An authenticated caller with dealership assignments: a person (token) or an integrator (API key).
 */
public interface AssignedCaller extends Principal {

  /** The rooftop codes the caller is assigned to; empty when none. */
  Set<String> dealerships();
}
