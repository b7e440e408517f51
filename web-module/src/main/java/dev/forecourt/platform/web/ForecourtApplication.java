package dev.forecourt.platform.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API, under {@code /api/v1}. Resources and providers are discovered by annotation. */
@ApplicationPath("/api/v1")
@ApplicationScoped
public class ForecourtApplication extends Application {}
