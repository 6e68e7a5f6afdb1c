package dev.meshoperator.testing;

/** The namespace a test class owns on the shared cluster. */
public record TestNamespace(String name) {}
