package dev.meshoperator.testing;

/**
 * Failsafe runs integration test classes in several JVMs at once (docs/testing.md). What one JVM
 * shares among its classes (the local control plane, the Istio tier's cluster) gets a directory of
 * its own per JVM, named after the fork: the first keeps the plain name, so a single JVM's files
 * stay where the docs say.
 */
public final class TestFork {

  private TestFork() {}

  /** {@code base} for the first (or only) test JVM, {@code base-N} for fork N. */
  public static String name(String base) {
    String fork = System.getProperty("mesh.fork", "").replaceFirst("^fork-", "");
    return fork.isBlank() || fork.equals("1") || fork.startsWith("$") ? base : base + "-" + fork;
  }
}
