package dev.forecourt.identity.application;

import dev.forecourt.identity.domain.UserAccount;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A local account as administered: never its password or second-factor secret. {@code twoFactor}
 * tells whether a second factor is on; {@code version} is also the ETag.
 */
public record UserView(
    long id,
    String username,
    String email,
    Set<String> roles,
    Set<String> dealerships,
    boolean enabled,
    boolean twoFactor,
    Instant createdAt,
    Instant disabledAt,
    long version) {

  static UserView of(UserAccount u, Map<Long, String> codes) {
    Set<String> roles = new TreeSet<>();
    u.roles().forEach(r -> roles.add(r.groupName()));
    Set<String> dealerships = new TreeSet<>();
    u.dealershipIds().forEach(id -> dealerships.add(codes.getOrDefault(id, String.valueOf(id))));
    return new UserView(
        u.id(),
        u.username(),
        u.email(),
        roles,
        dealerships,
        u.enabled(),
        u.totpEnabled(),
        u.createdAt(),
        u.disabledAt(),
        u.version());
  }
}
