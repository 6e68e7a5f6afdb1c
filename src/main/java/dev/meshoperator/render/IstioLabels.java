package dev.meshoperator.render;

/** Label keys and values that Istio itself defines and reads. */
public final class IstioLabels {
  public static final String REVISION = "istio.io/rev";
  public static final String APP = "app";
  public static final String ISTIO = "istio";
  public static final String OPERATOR_COMPONENT = "operator.istio.io/component";
  public static final String APP_NAME = "app.kubernetes.io/name";
  public static final String PART_OF = "app.kubernetes.io/part-of";
  public static final String VERSION = "app.kubernetes.io/version";
  public static final String SIDECAR_INJECT = "sidecar.istio.io/inject";
  public static final String INJECTION = "istio-injection";
  public static final String DATAPLANE_MODE = "istio.io/dataplane-mode";
  public static final String WAYPOINT_FOR = "istio.io/waypoint-for";

  private IstioLabels() {}
}
