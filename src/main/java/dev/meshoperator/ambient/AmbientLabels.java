package dev.meshoperator.ambient;

import dev.meshoperator.render.IstioLabels;

/** The namespace and Gateway labels Istio's ambient mode reads, and the operator's own record. */
public final class AmbientLabels {

  public static final String DATAPLANE_MODE = IstioLabels.DATAPLANE_MODE;
  public static final String AMBIENT = "ambient";
  public static final String USE_WAYPOINT = "istio.io/use-waypoint";
  public static final String WAYPOINT_FOR = IstioLabels.WAYPOINT_FOR;
  public static final String SIDECAR_INJECTION = IstioLabels.INJECTION;
  public static final String REVISION = IstioLabels.REVISION;

  /** What the operator set and removed on a namespace, so that exactly that is undone. */
  public static final String ENROLLMENT_RECORD = "mesh.operator.dev/ambient-enrollment";

  private AmbientLabels() {}
}
