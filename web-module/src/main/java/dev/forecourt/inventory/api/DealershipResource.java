package dev.forecourt.inventory.api;

import dev.forecourt.inventory.application.DealershipView;
import dev.forecourt.inventory.application.InventoryService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The group's dealerships (rooftops). */
@Path("dealerships")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DealershipResource {

  @EJB InventoryService inventory;

  @GET
  public List<DealershipView> list() {
    return inventory.dealerships();
  }
}
