package dev.meshoperator.render;

/** istiod's ports, as Istio assigns them. */
public final class IstioPorts {
  public static final int HTTP_DEBUG = 8080;
  public static final int GRPC_XDS = 15010;
  public static final int TLS_XDS = 15012;
  public static final int MONITORING = 15014;
  public static final int WEBHOOKS = 15017;
  public static final int WEBHOOK_SERVICE = 443;

  private IstioPorts() {}
}
