package dev.forecourt.inventory.application;

import java.util.List;
import java.util.Optional;

/** One page of a keyset-paginated list, with the cursor of the next page when there is one. */
public record Page<T>(List<T> items, Optional<String> nextCursor) {}
