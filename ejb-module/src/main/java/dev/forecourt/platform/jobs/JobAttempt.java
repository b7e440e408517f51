package dev.forecourt.platform.jobs;

/**
 * The attempt a job's worker is on: the n-th of the queue's limit ({@code last} when no retry
 * follows).
 */
public record JobAttempt(String jobId, int attempt, boolean last) {}
