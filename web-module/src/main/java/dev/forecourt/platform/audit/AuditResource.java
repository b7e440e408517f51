package dev.forecourt.platform.audit;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.web.QueryParams;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The audit trail for admins: query with filters (JSON, newest first, keyset-paginated by sequence
 * number) or as CSV ({@code Accept: text/csv}), chain verification, and an on-demand retention purge.
 */
@Path("admin/audit")
@RequestScoped
public class AuditResource {

  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 500;
  private static final int CSV_MAX = 100_000;

  @EJB AuditTrail trail;

  @Context UriInfo uriInfo;

  @QueryParam("entityType") String entityType;
  @QueryParam("entityId") String entityId;
  @QueryParam("subject") String subject;
  @QueryParam("action") String action;
  @QueryParam("outcome") String outcome;
  @QueryParam("correlationId") String correlationId;
  @QueryParam("from") String from;
  @QueryParam("to") String to;
  @QueryParam("cursor") String cursor;
  @QueryParam("limit") String limit;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response search() {
    int size = QueryParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
    return QueryParams.page(uriInfo, trail.search(filter(QueryParams.cursor(cursor)), size), size, AuditRecordView::seqNo);
  }

  /** The matching records as CSV (RFC 4180), newest first, at most 100 000. */
  @GET
  @Produces("text/csv")
  public Response export() {
    List<AuditRecordView> records = trail.search(filter(QueryParams.cursor(cursor)), CSV_MAX);
    StreamingOutput csv = out -> {
      Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      w.write("seq_no,occurred_at,subject,roles,api_key,entity_type,entity_id,action,changes,client_ip,"
          + "correlation_id,outcome,error,hash\r\n");
      for (AuditRecordView r : records) {
        Object[] values = {r.seqNo(), r.occurredAt(), r.subject(), r.roles(), r.apiKey(), r.entityType(), r.entityId(),
            r.action(), r.changes(), r.clientIp(), r.correlationId(), r.outcome(), r.error(), r.hash()};
        for (int i = 0; i < values.length; i++) {
          if (i > 0) {
            w.write(',');
          }
          w.write(csvField(values[i]));
        }
        w.write("\r\n");
      }
      w.flush();
    };
    return Response.ok(csv, "text/csv; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"forecourt-audit.csv\"").build();
  }

  @GET
  @Path("verify")
  @Produces(MediaType.APPLICATION_JSON)
  public AuditVerification verify() {
    return trail.verify();
  }

  /** Purges records older than {@code olderThan} (an ISO-8601 duration; default forecourt.audit.retention). */
  @POST
  @Path("purge")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> purge(@QueryParam("olderThan") String olderThan) {
    Duration retention = QueryParams.parse("olderThan", olderThan, Duration::parse, "must be an ISO-8601 duration such as P90D");
    if (retention == null) {
      retention = AuditTrail.retention();
    }
    if (retention.isNegative()) {
      throw ProblemException.invalidParameter("olderThan", "must not be negative");
    }
    return Map.of("purged", trail.purge(retention), "olderThan", retention.toString());
  }

  private AuditFilter filter(Long before) {
    return new AuditFilter(QueryParams.text(entityType), QueryParams.text(entityId), QueryParams.text(subject),
        QueryParams.text(action), outcome(), QueryParams.text(correlationId), instant("from", from), instant("to", to),
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
    return QueryParams.parse(name, raw, Instant::parse, "must be an instant such as 2026-01-31T00:00:00Z");
  }

  /** A CSV field, quoted when needed; a leading formula character is neutralized (CSV injection). */
  static String csvField(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r") || text.startsWith("'")) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
