package dev.forecourt.inventory.api;

import dev.forecourt.inventory.application.VehicleView;
import java.util.List;

/**
 * A page of vehicles; {@code nextCursor} is absent on the last page (also given as a Link
 * rel="next").
 */
public record VehicleList(List<VehicleView> items, String nextCursor) {}
