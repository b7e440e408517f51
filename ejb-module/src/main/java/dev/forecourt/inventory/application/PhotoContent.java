package dev.forecourt.inventory.application;

/** A photo's bytes and media type. */
public record PhotoContent(long id, String contentType, byte[] bytes) {}
