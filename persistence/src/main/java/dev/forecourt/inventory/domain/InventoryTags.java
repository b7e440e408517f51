package dev.forecourt.inventory.domain;

import dev.forecourt.platform.cache.ResponseCache;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import java.util.List;

/**
 * The response-cache tags of the inventory, and the entity listener of {@link Vehicle} and {@link
 * Dealership} that invalidates them after the commit of any change (whatever use case made it: a
 * staff edit, a deal reserving or selling the vehicle, a removal). Tags: {@code vehicle:<id>} (the
 * answers about one vehicle), {@code dealership:<code>} (those about a dealership and its vehicles)
 * and {@code vehicles} (every list of vehicles: a change can move any vehicle into or out of any
 * list, or reorder it).
 */
public class InventoryTags {

  /** Every list of vehicles. */
  public static final String VEHICLES = "vehicles";

  /** The answers about vehicle {@code id}. */
  public static String vehicle(long id) {
    return "vehicle:" + id;
  }

  /** The answers about dealership {@code code} and its vehicles. */
  public static String dealership(String code) {
    return "dealership:" + code;
  }

  @PostPersist
  @PostUpdate
  @PostRemove
  void changed(Object entity) {
    if (entity instanceof Vehicle v) {
      ResponseCache.invalidateAfterCommit(
          List.of(vehicle(v.id()), dealership(v.dealership().code()), VEHICLES));
    } else if (entity instanceof Dealership d) {
      ResponseCache.invalidateAfterCommit(List.of(dealership(d.code()), VEHICLES));
    }
  }
}
