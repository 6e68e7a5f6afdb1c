package dev.meshoperator.ambient;

/** The namespace and Gateway labels Istio's ambient mode reads, and the operator's own record. */
public final class AmbientLabels {

  public static final String DATAPLANE_MODE = "istio.io/dataplane-mode";
  public static final String AMBIENT = "ambient";
  public static final String USE_WAYPOINT = "istio.io/use-waypoint";
  public static final String WAYPOINT_FOR = "istio.io/waypoint-for";
  public static final String SIDECAR_INJECTION = "istio-injection";
  public static final String REVISION = "istio.io/rev";

  /** What the operator set and removed on a namespace, so that exactly that is undone. */
  public static final String ENROLLMENT_RECORD = "mesh.operator.dev/ambient-enrollment";

  private AmbientLabels() {}
}
