package dev.forecourt.bench.bare;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The benchmark's reference: a WAR with nothing but this JAX-RS application and {@link
 * BareResource}, deployed by {@code InventoryReadBench} beside the EAR on the same server, so that
 * every endpoint is measured against what this server answers at best on this machine.
 */
@ApplicationPath("/")
public class BareApplication extends Application {}
