package dev.forecourt.platform.timers;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An EJB timeout method whose work is done by one node of a cluster at a time: every node keeps its
 * timer, and when it fires the node first claims the run in the database (table {@code
 * cluster_timer}, by the timer's info as name); a node that finds the run taken skips it. Enforced
 * by {@link OncePerClusterInterceptor}; runs and skips are counted per node ({@code
 * forecourt_timer_runs_total}, {@code forecourt_timer_skipped_total}).
 */
@InterceptorBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface OncePerCluster {}
