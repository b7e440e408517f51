package dev.forecourt.inventory.application;

import dev.forecourt.inventory.domain.Vehicle;
import dev.forecourt.inventory.domain.VehiclePhoto;
import dev.forecourt.platform.audit.Audited;
import dev.forecourt.platform.audit.EntityId;
import dev.forecourt.platform.observability.UseCase;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.security.ApiKeyScope;
import dev.forecourt.platform.security.DealershipOf;
import dev.forecourt.platform.security.DealershipScoped;
import dev.forecourt.platform.security.Role;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * The photos of a vehicle: anyone who may see the vehicle sees its photos (the same rule as {@link
 * InventoryService#vehicle}); staff of its dealership add and remove them. An upload is checked and
 * re-encoded by {@link PhotoImages} (magic bytes, pixel limit, nothing but the pixels kept); its
 * size is bounded before it reaches here ({@code forecourt.photos.max-bytes}).
 */
@UseCase
@Stateless
@DeclareRoles({Role.SALES_NAME, Role.MANAGER_NAME, Role.ADMIN_NAME, ApiKeyScope.INVENTORY_WRITE})
@PermitAll
public class VehiclePhotos {

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @EJB InventoryService inventory;

  @Resource SessionContext caller;

  /** Adds a photo to vehicle {@code vehicleId} from an upload declared as {@code contentType}. */
  @RolesAllowed({Role.SALES_NAME, Role.MANAGER_NAME, Role.ADMIN_NAME, ApiKeyScope.INVENTORY_WRITE})
  @Audited(entity = "vehicle", action = "photo-added")
  @DealershipScoped
  public PhotoView add(
      @EntityId @DealershipOf(Vehicle.class) long vehicleId, String contentType, byte[] upload) {
    if (em.find(Vehicle.class, vehicleId) == null) {
      throw ProblemException.notFound("Vehicle", vehicleId);
    }
    int limit = PhotoSettings.MAX_PER_VEHICLE.get();
    long count =
        em.createQuery(
                "select count(p) from VehiclePhoto p where p.vehicleId = :vehicle", Long.class)
            .setParameter("vehicle", vehicleId)
            .getSingleResult();
    if (count >= limit) {
      throw PhotoRefused.tooMany(vehicleId, limit);
    }
    PhotoImages.Kept kept;
    try {
      kept = PhotoImages.keep(upload, contentType, PhotoSettings.MAX_PIXELS.get());
    } catch (PhotoImages.Refused e) {
      throw new PhotoRefused(e.getMessage());
    }
    VehiclePhoto photo =
        new VehiclePhoto(
            vehicleId,
            kept.contentType(),
            kept.width(),
            kept.height(),
            kept.bytes(),
            caller.getCallerPrincipal().getName(),
            Instant.now());
    em.persist(photo);
    em.flush();
    return view(photo);
  }

  /** The photos of a vehicle the caller may see, oldest first. */
  public List<PhotoView> list(long vehicleId) {
    inventory.vehicle(vehicleId);
    return em.createQuery(
            "select new dev.forecourt.inventory.application.PhotoView(p.id, p.vehicleId,"
                + " p.contentType, p.width, p.height, p.byteSize, p.createdAt)"
                + " from VehiclePhoto p where p.vehicleId = :vehicle order by p.id",
            PhotoView.class)
        .setParameter("vehicle", vehicleId)
        .getResultList();
  }

  /** A photo's bytes, of a vehicle the caller may see. */
  public PhotoContent content(long vehicleId, long photoId) {
    inventory.vehicle(vehicleId);
    VehiclePhoto photo = photo(vehicleId, photoId);
    return new PhotoContent(photo.id(), photo.contentType(), photo.content());
  }

  @RolesAllowed({Role.SALES_NAME, Role.MANAGER_NAME, Role.ADMIN_NAME, ApiKeyScope.INVENTORY_WRITE})
  @Audited(entity = "vehicle", action = "photo-removed")
  @DealershipScoped
  public void remove(@EntityId @DealershipOf(Vehicle.class) long vehicleId, long photoId) {
    em.remove(photo(vehicleId, photoId));
  }

  private VehiclePhoto photo(long vehicleId, long photoId) {
    VehiclePhoto photo = em.find(VehiclePhoto.class, photoId);
    if (photo == null || photo.vehicleId() != vehicleId) {
      throw ProblemException.notFound("Photo", photoId);
    }
    return photo;
  }

  private static PhotoView view(VehiclePhoto photo) {
    return new PhotoView(
        photo.id(),
        photo.vehicleId(),
        photo.contentType(),
        photo.width(),
        photo.height(),
        photo.byteSize(),
        photo.createdAt());
  }
}
