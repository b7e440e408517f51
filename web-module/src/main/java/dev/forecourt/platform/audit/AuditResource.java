package dev.forecourt.platform.audit;

import static dev.forecourt.platform.openapi.ApiDocumentFilter.PROBLEMS;
import static dev.forecourt.platform.openapi.ApiDocumentFilter.ROLES;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.web.Export;
import dev.forecourt.platform.web.QueryParams;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The audit trail for admins: query with filters (JSON, newest first, keyset-paginated by sequence
 * number) or as a CSV or NDJSON download, chain verification, and an on-demand retention purge.
 */
@Path("admin/audit")
@RequestScoped
@Tag(name = "admin")
public class AuditResource {

  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 500;
  private static final String[] EXPORT_COLUMNS = {
    "seq_no",
    "occurred_at",
    "subject",
    "roles",
    "api_key",
    "entity_type",
    "entity_id",
    "action",
    "changes",
    "client_ip",
    "correlation_id",
    "outcome",
    "error",
    "hash"
  };

  @EJB AuditTrail trail;

  @Context UriInfo uriInfo;

  @QueryParam("entityType")
  String entityType;

  @QueryParam("entityId")
  String entityId;

  @QueryParam("subject")
  String subject;

  @QueryParam("action")
  String action;

  @QueryParam("outcome")
  String outcome;

  @QueryParam("correlationId")
  String correlationId;

  @QueryParam("from")
  String from;

  @QueryParam("to")
  String to;

  @QueryParam("cursor")
  String cursor;

  @QueryParam("limit")
  String limit;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Query the audit trail",
      description =
          "Filters: entityType, entityId, subject, action, outcome (SUCCESS or FAILURE), correlationId, from and to (instants). JSON (`Accept: application/json`): newest first, keyset-paginated by sequence number (`limit` 50, at most 500; `Link: rel=\"next\"`). CSV (`Accept: text/csv`, RFC 4180, fields starting with a formula character neutralized) or NDJSON (`Accept: application/x-ndjson`, one record per line): every matching record, newest first, streamed page by page as it is read.")
  @APIResponse(
      responseCode = "200",
      description = "Audit records",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = AuditRecordView.class)),
        @Content(mediaType = Export.CSV, schema = @Schema(type = SchemaType.STRING)),
        @Content(
            mediaType = Export.NDJSON,
            schema = @Schema(implementation = AuditRecordView.class))
      },
      headers =
          @Header(
              name = "Link",
              description = "rel=\"next\": the next page of JSON (absent on the last page)",
              schema = @Schema(type = SchemaType.STRING)))
  @Extension(name = ROLES, value = "admin")
  @Extension(name = PROBLEMS, value = "invalid-parameter")
  public Response search() {
    int size = QueryParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
    return QueryParams.page(
        uriInfo,
        trail.search(filter(QueryParams.cursor(cursor)), size),
        size,
        AuditRecordView::seqNo);
  }

  /** Every matching record, newest first, as CSV (RFC 4180) or NDJSON, streamed page by page. */
  @GET
  @Produces({Export.CSV, Export.NDJSON})
  @Operation(
      summary = "Query the audit trail",
      description =
          "Filters: entityType, entityId, subject, action, outcome (SUCCESS or FAILURE), correlationId, from and to (instants). JSON (`Accept: application/json`): newest first, keyset-paginated by sequence number (`limit` 50, at most 500; `Link: rel=\"next\"`). CSV (`Accept: text/csv`, RFC 4180, fields starting with a formula character neutralized) or NDJSON (`Accept: application/x-ndjson`, one record per line): every matching record, newest first, streamed page by page as it is read.")
  @APIResponse(
      responseCode = "200",
      description = "Audit records",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = AuditRecordView.class)),
        @Content(mediaType = Export.CSV, schema = @Schema(type = SchemaType.STRING)),
        @Content(
            mediaType = Export.NDJSON,
            schema = @Schema(implementation = AuditRecordView.class))
      },
      headers =
          @Header(
              name = "Link",
              description = "rel=\"next\": the next page of JSON (absent on the last page)",
              schema = @Schema(type = SchemaType.STRING)))
  @Extension(name = ROLES, value = "admin")
  @Extension(name = PROBLEMS, value = "invalid-parameter")
  public Response export(@HeaderParam(HttpHeaders.ACCEPT) String accept) {
    return Export.of(
        accept,
        "forecourt-audit",
        EXPORT_COLUMNS,
        AuditResource::exportRow,
        Export.Pages.keyset(
            trail.search(filter(QueryParams.cursor(cursor)), MAX_LIMIT),
            MAX_LIMIT,
            AuditRecordView::seqNo,
            last -> trail.search(filter(last), MAX_LIMIT)));
  }

  private static Object[] exportRow(AuditRecordView r) {
    return new Object[] {
      r.seqNo(),
      r.occurredAt(),
      r.subject(),
      r.roles(),
      r.apiKey(),
      r.entityType(),
      r.entityId(),
      r.action(),
      r.changes(),
      r.clientIp(),
      r.correlationId(),
      r.outcome(),
      r.error(),
      r.hash()
    };
  }

  @GET
  @Path("verify")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Verify the audit chain",
      description =
          "Recomputes the hash chain of the records and tells where it breaks, if it does.")
  @APIResponse(
      responseCode = "200",
      description = "The verification",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AuditVerification.class)))
  @Extension(name = ROLES, value = "admin")
  public AuditVerification verify() {
    return trail.verify();
  }

  /**
   * Purges records older than {@code olderThan} (an ISO-8601 duration; default
   * forecourt.audit.retention).
   */
  @POST
  @Path("purge")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Purge old audit records",
      description =
          "Removes records older than `olderThan` (an ISO-8601 duration; default forecourt.audit.retention).")
  @APIResponse(
      responseCode = "200",
      description = "What was purged",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AuditPurge.class)))
  @Extension(name = ROLES, value = "admin")
  @Extension(name = PROBLEMS, value = "invalid-parameter")
  public AuditPurge purge(@QueryParam("olderThan") String olderThan) {
    Duration retention =
        QueryParams.parse(
            "olderThan", olderThan, Duration::parse, "must be an ISO-8601 duration such as P90D");
    if (retention == null) {
      retention = AuditTrail.retention();
    }
    if (retention.isNegative()) {
      throw ProblemException.invalidParameter("olderThan", "must not be negative");
    }
    return new AuditPurge(trail.purge(retention), retention.toString());
  }

  private AuditFilter filter(Long before) {
    return new AuditFilter(
        QueryParams.text(entityType),
        QueryParams.text(entityId),
        QueryParams.text(subject),
        QueryParams.text(action),
        outcome(),
        QueryParams.text(correlationId),
        instant("from", from),
        instant("to", to),
        before);
  }

  private String outcome() {
    String value = QueryParams.text(outcome);
    if (value != null && !value.equals("SUCCESS") && !value.equals("FAILURE")) {
      throw ProblemException.invalidParameter("outcome", "must be SUCCESS or FAILURE");
    }
    return value;
  }

  private static Instant instant(String name, String raw) {
    return QueryParams.parse(
        name, raw, Instant::parse, "must be an instant such as 2026-01-31T00:00:00Z");
  }
}
