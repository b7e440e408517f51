package dev.forecourt.demo;

import dev.forecourt.identity.application.PasswordHasher;
import dev.forecourt.identity.domain.UserAccount;
import dev.forecourt.inventory.domain.Address;
import dev.forecourt.inventory.domain.Dealership;
import dev.forecourt.inventory.domain.Money;
import dev.forecourt.inventory.domain.Vehicle;
import dev.forecourt.inventory.domain.VehicleSpec;
import dev.forecourt.inventory.domain.VehicleStatus;
import dev.forecourt.inventory.domain.Vin;
import dev.forecourt.platform.config.Settings;
import dev.forecourt.platform.health.StartupPhases;
import dev.forecourt.platform.security.Role;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Loads three dealerships and {@code forecourt.demo.vehicles} generated vehicles (default 500) when
 * {@code forecourt.demo-data=true} and the database holds no dealership yet. Deterministic: the
 * same seed gives the same stock.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class DemoData {

  private static final Logger LOG = Logger.getLogger(DemoData.class.getName());
  private static final String VIN_CHARS = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";
  private static final List<String[]> MODELS =
      List.of(
          new String[] {"Volkswagen", "Golf", "Life"},
          new String[] {"Volkswagen", "ID.4", "Pro"},
          new String[] {"Toyota", "Corolla", "Hybrid"},
          new String[] {"Toyota", "RAV4", "Adventure"},
          new String[] {"BMW", "320d", "M Sport"},
          new String[] {"Mercedes-Benz", "C 200", "Avantgarde"},
          new String[] {"Ford", "Focus", "Titanium"},
          new String[] {"Skoda", "Octavia", "Style"},
          new String[] {"Tesla", "Model 3", "Long Range"},
          new String[] {"Renault", "Clio", "Techno"});
  private static final List<String> COLOURS =
      List.of("black", "white", "silver", "grey", "blue", "red", "green");

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @Inject Settings settings;

  @Inject PasswordHasher passwords;
  @Inject StartupPhases phases;

  @PostConstruct
  void start() {
    load();
    phases.completed(StartupPhases.DEMO_DATA);
  }

  private void load() {
    if (!settings.get(DemoSettings.ENABLED)) {
      return;
    }
    if (em.createQuery("select count(d) from Dealership d", Long.class).getSingleResult() > 0) {
      LOG.info("Demo data requested, but the database already holds data: nothing loaded");
      return;
    }
    List<Dealership> rooftops =
        List.of(
            new Dealership(
                "BER",
                "Forecourt Berlin Mitte",
                new Address("Invalidenstr. 10", "Berlin", "10115", "DE"),
                ZoneId.of("Europe/Berlin")),
            new Dealership(
                "MUC",
                "Forecourt München Nord",
                new Address("Ingolstädter Str. 40", "München", "80807", "DE"),
                ZoneId.of("Europe/Berlin")),
            new Dealership(
                "VIE",
                "Forecourt Wien Süd",
                new Address("Triester Str. 14", "Wien", "1100", "AT"),
                ZoneId.of("Europe/Vienna")));
    rooftops.forEach(em::persist);
    em.flush();
    users(rooftops);
    Random random = new Random(20261123L);
    int vehicles = settings.get(DemoSettings.VEHICLES);
    for (int i = 0; i < vehicles; i++) {
      String[] model = MODELS.get(random.nextInt(MODELS.size()));
      int year = 2016 + random.nextInt(10);
      int mileage = (2026 - year) * (8_000 + random.nextInt(12_000));
      BigDecimal price = BigDecimal.valueOf(12_000 + random.nextInt(48_000)).setScale(2);
      Vehicle vehicle =
          new Vehicle(
              Vin.of(vin(random)),
              new VehicleSpec(
                  model[0], model[1], model[2], year, COLOURS.get(random.nextInt(COLOURS.size()))),
              mileage,
              Money.of(price, "EUR"),
              rooftops.get(i % rooftops.size()));
      if (random.nextInt(10) == 0) {
        vehicle.changeStatus(random.nextBoolean() ? VehicleStatus.RESERVED : VehicleStatus.SOLD);
      }
      em.persist(vehicle);
      if (i % 100 == 99) {
        em.flush();
        em.clear();
        rooftops = rooftops.stream().map(d -> em.merge(d)).toList();
      }
    }
    LOG.info(
        () ->
            "Demo data loaded: 3 dealerships, "
                + vehicles
                + " vehicles, users admin, manager and sales");
  }

  /**
   * Demo users admin (all rooftops), manager (BER, MUC) and sales (BER). Their password is {@code
   * forecourt.demo.password}, or a random one written to the log once.
   */
  private void users(List<Dealership> rooftops) {
    String password = settings.find(DemoSettings.PASSWORD).orElse(null);
    if (password == null) {
      byte[] bytes = new byte[12];
      new SecureRandom().nextBytes(bytes);
      password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      String shown = password;
      LOG.warning(
          () ->
              "FORECOURT_DEMO_PASSWORD is not set: the demo users admin, manager and sales "
                  + "have the generated password "
                  + shown);
    }
    String hash = passwords.hash(password);
    Instant now = Instant.now();
    Set<Long> all = rooftops.stream().map(Dealership::id).collect(Collectors.toSet());
    em.persist(
        new UserAccount("admin", "admin@forecourt.example", hash, Set.of(Role.ADMIN), all, now));
    em.persist(
        new UserAccount(
            "manager",
            "manager@forecourt.example",
            hash,
            Set.of(Role.MANAGER),
            Set.of(rooftops.get(0).id(), rooftops.get(1).id()),
            now));
    em.persist(
        new UserAccount(
            "sales",
            "sales@forecourt.example",
            hash,
            Set.of(Role.SALES),
            Set.of(rooftops.get(0).id()),
            now));
  }

  /** A random VIN of allowed characters with a correct check digit. */
  static String vin(Random random) {
    char[] chars = new char[17];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = VIN_CHARS.charAt(random.nextInt(VIN_CHARS.length()));
    }
    chars[8] = Vin.checkDigit(new String(chars));
    return new String(chars);
  }
}
