package dev.forecourt.identity.application;

import dev.forecourt.identity.domain.UserAccount;
import dev.forecourt.platform.audit.Audited;
import dev.forecourt.platform.audit.EntityId;
import dev.forecourt.platform.observability.UseCase;
import dev.forecourt.platform.persistence.AfterTransaction;
import dev.forecourt.platform.persistence.IntegrityViolation;
import dev.forecourt.platform.persistence.Jpql;
import dev.forecourt.platform.problem.FieldError;
import dev.forecourt.platform.problem.InvalidFields;
import dev.forecourt.platform.problem.NotPermitted;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.StaleVersion;
import dev.forecourt.platform.security.CallerDealerships;
import dev.forecourt.platform.security.DealershipNotAssigned;
import dev.forecourt.platform.security.Role;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Administration of local accounts. Admins manage every account; managers only sales staff of their
 * own dealerships (an account whose only role is {@code sales} and whose dealerships are all the
 * manager's), and may give only the {@code sales} role and their own dealerships — anything else is
 * 403. A new account gets no password: its holder is mailed an invitation whose link sets it (the
 * password reset flow). Disabling refuses sign-in, revokes the refresh tokens and makes {@link
 * TokenCutoffs} refuse the access tokens already issued; a change of roles or dealerships refuses
 * the access tokens issued before it (a refresh gives one with the new roles). Nobody changes or
 * disables their own account here. Accounts of the corporate identity provider are not local
 * accounts: they are managed there and never appear here.
 */
@UseCase
@Stateless
@RolesAllowed({Role.ADMIN_NAME, Role.MANAGER_NAME})
public class UserAdministration {

  private static final Logger LOG = Logger.getLogger(UserAdministration.class.getName());

  /** The roles a local account may have (integrators are API keys). */
  private static final Set<Role> ASSIGNABLE = EnumSet.of(Role.SALES, Role.MANAGER, Role.ADMIN);

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @Inject CallerDealerships caller;
  @Inject PasswordHasher passwords;
  @Inject RefreshTokens refreshTokens;
  @Inject SecondFactor secondFactor;
  @EJB PasswordResetService invitations;
  @EJB TokenCutoffs cutoffs;

  @Resource TransactionSynchronizationRegistry transactions;

  private final Clock clock = Clock.systemUTC();

  /** A new, enabled local account without a usable password; its holder is mailed an invitation. */
  @Audited(entity = "user", action = "create")
  public UserView create(@NotNull @Valid UserDraft draft) {
    Set<Role> roles = roles(draft.roles());
    Map<String, Long> dealerships = dealerships(draft.dealerships());
    requireGrantable(roles, dealerships.keySet());
    String username = UserAccount.normalize(draft.username());
    String email = draft.email().trim().toLowerCase(Locale.ROOT);
    if (exists("u.username = :v", username)) {
      throw new AccountAlreadyExists("The username " + username + " is taken");
    }
    if (exists("lower(u.email) = :v", email)) {
      throw new AccountAlreadyExists("An account with this e-mail address exists");
    }
    Instant now = clock.instant();
    // nobody knows this password: the invitation's link sets the first one
    UserAccount user =
        new UserAccount(
            username,
            email,
            passwords.hash(OpaqueTokens.random()),
            roles,
            new HashSet<>(dealerships.values()),
            now);
    em.persist(user);
    try {
      em.flush();
    } catch (PersistenceException e) {
      if (IntegrityViolation.isCauseOf(e)) {
        // the unique constraints caught a concurrent creation of the same username or address
        throw new AccountAlreadyExists("The username or e-mail address is taken");
      }
      throw e;
    }
    invitations.invite(user, caller.name());
    LOG.info(
        () ->
            "Local account " + username + " created by " + caller.name() + " with roles " + roles);
    return view(user);
  }

  /** One account; 403 for a manager when it is not sales staff of their dealerships. */
  public UserView user(long id) {
    UserAccount user = find(id, false);
    requireManageable(user);
    return view(user);
  }

  /**
   * Accounts matching the search, newest first; a manager sees the sales staff of their
   * dealerships.
   */
  public List<UserView> search(@NotNull UserSearch search) {
    Set<String> codes = caller.scope(search.dealershipCode());
    if (codes != null && codes.isEmpty()) {
      return List.of();
    }
    Jpql jpql = new Jpql("select distinct u from UserAccount u");
    if (codes != null) {
      Set<Long> ids = new HashSet<>(known(codes).values());
      if (ids.isEmpty()) {
        return List.of();
      }
      jpql.and(
              "exists (select ud.id from UserAccount ud join ud.dealershipIds d where ud = u and d in :dealerships)")
          .param("dealerships", ids);
    }
    if (!caller.all()) {
      // what requireManageable allows: sales staff only, every dealership of theirs the manager's
      Set<Long> mine = new HashSet<>(known(caller.assigned()).values());
      if (mine.isEmpty()) {
        return List.of();
      }
      jpql.and(
              "not exists (select ur.id from UserAccount ur join ur.roles r where ur = u and r <> :sales)")
          .param("sales", Role.SALES)
          .and(
              "not exists (select ux.id from UserAccount ux join ux.dealershipIds x where ux = u and x not in :mine)")
          .param("mine", mine);
    }
    if (search.role() != null) {
      jpql.and(
              "exists (select uq.id from UserAccount uq join uq.roles q where uq = u and q = :role)")
          .param("role", search.role());
    }
    if (search.text() != null) {
      jpql.and("u.username like :text escape '!' or lower(u.email) like :text escape '!'")
          .param(
              "text",
              "%" + search.text().toLowerCase(Locale.ROOT).replaceAll("([!%_])", "!$1") + "%");
    }
    List<UserAccount> page =
        jpql.and("u.enabled = :enabled", "enabled", search.enabled())
            .and("u.id < :before", "before", search.before())
            .orderBy("u.id desc")
            .query(em, UserAccount.class)
            .setMaxResults(search.limit())
            .getResultList();
    Map<Long, String> names =
        codes(page.stream().flatMap(u -> u.dealershipIds().stream()).toList());
    return page.stream().map(u -> UserView.of(u, names)).toList();
  }

  /**
   * Replaces the roles and dealerships, if the account is still at {@code expectedVersion} (from
   * If-Match; 412 otherwise). Access tokens issued before are refused from now on.
   */
  @Audited(entity = "user", action = "change-access")
  public UserView changeAccess(
      @EntityId long id, long expectedVersion, @NotNull @Valid UserAccess access) {
    UserAccount user = find(id, true);
    requireManageable(user);
    requireNotSelf(user, "change your own roles or dealerships");
    Set<Role> roles = roles(access.roles());
    Map<String, Long> dealerships = dealerships(access.dealerships());
    requireGrantable(roles, dealerships.keySet());
    if (user.version() != expectedVersion) {
      throw new StaleVersion("User " + id + " was changed by someone else: read it again");
    }
    user.changeAccess(roles, new HashSet<>(dealerships.values()), clock.instant());
    afterCommitInvalidateCutoffs();
    em.flush();
    LOG.info(
        () ->
            "Access of local account "
                + user.username()
                + " changed by "
                + caller.name()
                + " to "
                + roles);
    return view(user);
  }

  /** Refuses sign-in, revokes every refresh token, refuses the access tokens issued so far. */
  @Audited(entity = "user", action = "disable")
  public UserView disable(@EntityId long id) {
    UserAccount user = find(id, true);
    requireManageable(user);
    requireNotSelf(user, "disable your own account");
    Instant now = clock.instant();
    user.disable(now);
    int revoked = refreshTokens.revokeAll(user, now);
    afterCommitInvalidateCutoffs();
    em.flush();
    LOG.info(
        () ->
            "Local account "
                + user.username()
                + " disabled by "
                + caller.name()
                + " ("
                + revoked
                + " refresh tokens revoked)");
    return view(user);
  }

  /**
   * Allows sign-in again with the account's password; tokens from before the disable stay refused.
   */
  @Audited(entity = "user", action = "enable")
  public UserView enable(@EntityId long id) {
    UserAccount user = find(id, true);
    requireManageable(user);
    user.enable();
    afterCommitInvalidateCutoffs();
    em.flush();
    LOG.info(() -> "Local account " + user.username() + " enabled by " + caller.name());
    return view(user);
  }

  /**
   * Removes the account's second factor (secret and recovery codes): it signs in with the password
   * alone.
   */
  @Audited(entity = "user", action = "2fa-reset")
  public void resetSecondFactor(@EntityId long id) {
    UserAccount user = find(id, true);
    requireManageable(user);
    secondFactor.remove(user);
    LOG.info(
        () -> "Second factor of local account " + user.username() + " reset by " + caller.name());
  }

  private UserAccount find(long id, boolean forUpdate) {
    UserAccount user =
        forUpdate
            ? em.find(UserAccount.class, id, LockModeType.PESSIMISTIC_WRITE)
            : em.find(UserAccount.class, id);
    if (user == null) {
      throw ProblemException.notFound("User", id);
    }
    return user;
  }

  private boolean exists(String clause, String value) {
    return !em.createQuery("select u.id from UserAccount u where " + clause, Long.class)
        .setParameter("v", value)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  /** The roles named, or 422 naming the unknown ones. */
  private static Set<Role> roles(Set<String> groups) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    List<FieldError> errors = new ArrayList<>();
    for (String g : groups) {
      Role.ofGroup(g.trim().toLowerCase(Locale.ROOT))
          .filter(ASSIGNABLE::contains)
          .ifPresentOrElse(
              roles::add,
              () ->
                  errors.add(
                      new FieldError(
                          "roles", "unknown role " + g + "; one of sales, manager, admin")));
    }
    if (!errors.isEmpty()) {
      throw new InvalidFields("The account has invalid fields", errors);
    }
    return roles;
  }

  /** The ids of the dealerships named by rooftop code, or 422 naming the unknown ones. */
  private Map<String, Long> dealerships(Set<String> codes) {
    Map<String, Long> found = known(codes);
    List<FieldError> errors =
        codes.stream()
            .filter(c -> !found.containsKey(c))
            .sorted()
            .map(c -> new FieldError("dealerships", "unknown dealership " + c))
            .toList();
    if (!errors.isEmpty()) {
      throw new InvalidFields("The account has invalid fields", errors);
    }
    return found;
  }

  /** Dealership ids by rooftop code, of those codes that exist. */
  private Map<String, Long> known(Set<String> codes) {
    Map<String, Long> found = new HashMap<>();
    if (!codes.isEmpty()) {
      em.createQuery("select d.code, d.id from Dealership d where d.code in :codes", Object[].class)
          .setParameter("codes", codes)
          .getResultList()
          .forEach(r -> found.put((String) r[0], ((Number) r[1]).longValue()));
    }
    return found;
  }

  /** Rooftop codes by dealership id. */
  private Map<Long, String> codes(List<Long> ids) {
    Map<Long, String> codes = new HashMap<>();
    if (!ids.isEmpty()) {
      em.createQuery("select d.id, d.code from Dealership d where d.id in :ids", Object[].class)
          .setParameter("ids", new HashSet<>(ids))
          .getResultList()
          .forEach(r -> codes.put(((Number) r[0]).longValue(), (String) r[1]));
    }
    return codes;
  }

  private UserView view(UserAccount user) {
    return UserView.of(user, codes(List.copyOf(user.dealershipIds())));
  }

  /** A manager may give the sales role only, and only their own dealerships (at least one). */
  private void requireGrantable(Set<Role> roles, Set<String> codes) {
    if (caller.all()) {
      return;
    }
    if (!roles.equals(EnumSet.of(Role.SALES))) {
      throw new NotPermitted("Managers may give the sales role only");
    }
    if (codes.isEmpty()) {
      throw new InvalidFields(
          "Name the dealerships of the salesperson",
          "dealerships",
          "must name at least one of your dealerships");
    }
    Set<String> mine = caller.assigned();
    for (String code : codes) {
      if (!mine.contains(code)) {
        throw new DealershipNotAssigned(code);
      }
    }
  }

  /**
   * A manager may manage an account whose only role is sales and whose dealerships are all theirs.
   */
  private void requireManageable(UserAccount user) {
    if (caller.all()) {
      return;
    }
    Set<String> mine = caller.assigned();
    boolean ok =
        user.roles().equals(Set.of(Role.SALES))
            && !user.dealershipIds().isEmpty()
            && mine.containsAll(codes(List.copyOf(user.dealershipIds())).values());
    if (!ok) {
      throw new NotPermitted("Managers manage the sales staff of their own dealerships only");
    }
  }

  private void requireNotSelf(UserAccount user, String what) {
    if (user.username().equals(caller.name())) {
      throw new SelfAdministrationRefused(what);
    }
  }

  /**
   * The token cut-offs of this node are re-read once the change is committed (other nodes: within
   * their cache TTL).
   */
  private void afterCommitInvalidateCutoffs() {
    AfterTransaction.completed(transactions, cutoffs::invalidate);
  }
}
