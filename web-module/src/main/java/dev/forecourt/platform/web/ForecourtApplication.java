package dev.forecourt.platform.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The REST API, under {@code /api/v1}. Resources and providers are discovered by annotation. */
@ApplicationPath("/api/v1")
@ApplicationScoped
@OpenAPIDefinition(
    info = @Info(
        title = "Forecourt API",
        version = "v1",
        description = "Vehicle inventory across a dealer group's rooftops. Errors are RFC 9457 problem+json."))
public class ForecourtApplication extends Application {}
