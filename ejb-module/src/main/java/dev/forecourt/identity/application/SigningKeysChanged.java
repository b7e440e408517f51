package dev.forecourt.identity.application;

import java.util.Set;

/**
 * The set of published signing keys changed on this node (a key was added by a rotation, or left
 * the set when its overlap ended): the key ids published now.
 */
public record SigningKeysChanged(Set<String> publishedKeyIds) {}
