package dev.meshoperator.render;

/** istiod's and the proxies' ports, as Istio assigns them. */
public final class IstioPorts {
  public static final int HTTP_DEBUG = 8080;
  public static final int GRPC_XDS = 15010;
  public static final int TLS_XDS = 15012;
  public static final int MONITORING = 15014;
  public static final int WEBHOOKS = 15017;
  public static final int WEBHOOK_SERVICE = 443;

  /** A proxy's (gateway's, ztunnel's) health endpoint, which load balancers probe. */
  public static final int PROXY_HEALTH = 15021;

  /** pilot-agent's (and ztunnel's) merged Prometheus metrics. */
  public static final int AGENT_METRICS = 15020;

  /** Envoy's own Prometheus endpoint. */
  public static final int ENVOY_PROMETHEUS = 15090;

  private IstioPorts() {}
}
