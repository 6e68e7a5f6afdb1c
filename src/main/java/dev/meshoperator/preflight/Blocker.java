package dev.meshoperator.preflight;

/**
 * Something that makes acting on the spec unsafe, found before anything is written.
 *
 * @param reason UpperCamelCase, e.g. {@code UnsupportedKubernetesVersion}
 */
public record Blocker(String reason, String message) {}
