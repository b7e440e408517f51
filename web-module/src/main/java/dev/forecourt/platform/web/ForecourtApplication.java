package dev.forecourt.platform.web;

import dev.forecourt.platform.openapi.ApiDocumentFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.ExternalDocumentation;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The REST API, under {@code /api/v1}. Resources and providers are discovered by annotation. The
 * annotations here head the OpenAPI document at {@code /openapi}; {@link ApiDocumentFilter}
 * finishes it.
 */
@ApplicationPath("/api/v1")
@ApplicationScoped
@OpenAPIDefinition(
    externalDocs =
        @ExternalDocumentation(
            description = "The same reference in the browser (Swagger UI), served with the API",
            url = "/api/docs/"),
    info =
        @Info(
            title = "Forecourt API",
            version = "v1",
            license = @License(name = "Proprietary", url = "https://forecourt.dev/license"),
            description =
                """
            Forecourt is the platform of a car dealership group: the vehicle inventory across its \
            rooftops, the sales funnel (leads, test drives, deals, revenue) and the enterprise layer \
            around them (sign-in with a second factor or the group's SSO, API keys and webhooks for \
            integrators, marketplace leads, audit trail, maintenance mode, dead letters, blocked clients).

            **Credentials.** Staff send `Authorization: Bearer <access token>`: a token of \
            `POST /api/v1/auth/login` or of the group's OpenID Connect provider. Integrators send \
            `Authorization: ApiKey <key>`; an API key carries scopes such as `inventory:read`. Each \
            operation says who may call it (**Access**, and the `x-forecourt-roles` and \
            `x-forecourt-api-key-scopes` extensions).

            **Errors** are RFC 9457 `application/problem+json` with a stable `type` URI \
            (`https://forecourt.dev/problems/<slug>`), the `correlationId` of the request (also in \
            the `X-Correlation-Id` header) and, for invalid input, the field `errors`. Clients switch \
            on the `type`, never on the text. Each operation lists the problem types it can answer.

            **Conventions.** Lists are keyset-paginated: follow the `Link: rel="next"` header (or the \
            `cursor`). Reads of vehicles and leads carry an `ETag`; a vehicle update must send it back \
            in `If-Match` (428 without, 412 on a mismatch). `POST /leads` and `POST /deals` honour an \
            `Idempotency-Key`. Writes are refused with 503 `maintenance` while maintenance mode is on. \
            Rate limits answer 429 with `Retry-After`."""),
    components =
        @Components(
            securitySchemes = {
              @SecurityScheme(
                  securitySchemeName = ApiDocumentFilter.BEARER,
                  type = SecuritySchemeType.HTTP,
                  scheme = "bearer",
                  bearerFormat = "JWT",
                  description =
                      "An access token (JWT) of POST /auth/login or of the group's OpenID Connect provider; "
                          + "its groups are the roles sales, manager, admin."),
              @SecurityScheme(
                  securitySchemeName = ApiDocumentFilter.API_KEY,
                  type = SecuritySchemeType.APIKEY,
                  in = SecuritySchemeIn.HEADER,
                  apiKeyName = "Authorization",
                  description =
                      "An integrator's API key, sent as `Authorization: ApiKey <key>` (type the `ApiKey ` "
                          + "prefix with the key). Keys are created by admins (POST /api-keys) with scopes.")
            }),
    tags = {
      @Tag(name = "inventory", description = "Vehicles and dealerships (rooftops)"),
      @Tag(
          name = "sales",
          description = "Leads, test drives, deals, customers' data and business reports"),
      @Tag(
          name = "identity",
          description = "Sign-in, tokens, second factor, password reset, API keys"),
      @Tag(
          name = "integration",
          description = "Webhook subscriptions and leads pushed by marketplaces"),
      @Tag(
          name = "admin",
          description =
              "Platform administration: audit trail, maintenance, dead letters, blocked clients"),
      @Tag(name = "platform", description = "Liveness of the API itself")
    })
public class ForecourtApplication extends Application {}
