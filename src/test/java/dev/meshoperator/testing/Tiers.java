package dev.meshoperator.testing;

/**
 * The integration tiers, as JUnit tags on each *IT class: what a contributor runs alone with {@code
 * ./mvnw verify -P<tier>} (docs/testing.md). The profile also skips the unit tests, which carry no
 * tag: {@code -Dgroups=<tier>} alone would filter them down to none.
 */
public final class Tiers {

  /** The shared local control plane; the operator in-process or as the packaged jar. */
  public static final String CLUSTER = "cluster";

  /** Istio's own istiod, istioctl, charts or published API decide. */
  public static final String ISTIO = "istio";

  /**
   * What a user installs (manifest, chart, bundle, image, the Argo CD health check), or a fault
   * only a control plane of the test's own can stage; most classes bring their own control plane.
   */
  public static final String PACKAGED = "packaged";

  /** A kind cluster through a Docker engine; skipped, saying why, without one. */
  public static final String E2E = "e2e";

  private Tiers() {}
}
