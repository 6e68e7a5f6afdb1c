package dev.meshoperator.plan;

import dev.meshoperator.api.v1alpha1.GatewaySpec;
import dev.meshoperator.plan.GatewayPlan.GatewayPort;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * A gateway as upstream's gateways charts and profiles define it: which ones a profile turns on,
 * with which ports, resources and autoscaling.
 */
record GatewayDefaults(
    String name,
    GatewaySpec.Kind kind,
    boolean enabled,
    List<GatewayPort> ports,
    Autoscale autoscale,
    ResourceRequirements resources) {

  static final String INGRESS = "istio-ingressgateway";
  static final String EGRESS = "istio-egressgateway";

  private static final Autoscale AUTOSCALE = new Autoscale(1, 5, 80);
  private static final ResourceRequirements RESOURCES =
      new ResourceRequirementsBuilder()
          .addToRequests("cpu", new Quantity("100m"))
          .addToRequests("memory", new Quantity("128Mi"))
          .addToLimits("cpu", new Quantity("2000m"))
          .addToLimits("memory", new Quantity("1024Mi"))
          .build();

  /** The demo profile lowers the requests only; the chart's limits stay, as Helm merges them. */
  private static final ResourceRequirements DEMO_RESOURCES =
      new ResourceRequirementsBuilder()
          .addToRequests("cpu", new Quantity("10m"))
          .addToRequests("memory", new Quantity("40Mi"))
          .addToLimits("cpu", new Quantity("2000m"))
          .addToLimits("memory", new Quantity("1024Mi"))
          .build();

  private static final List<GatewayPort> WEB =
      List.of(new GatewayPort("http2", 80, 8080), new GatewayPort("https", 443, 8443));
  static final GatewayPort STATUS = new GatewayPort("status-port", 15021, 15021);

  /** The profile's gateways: default has an ingress one, demo both, the others none. */
  static List<GatewayDefaults> of(boolean ingress, boolean egress, boolean demo) {
    List<GatewayDefaults> gateways = new ArrayList<>();
    List<GatewayPort> ingressPorts = new ArrayList<>(List.of(STATUS));
    ingressPorts.addAll(WEB);
    if (demo) {
      ingressPorts.add(new GatewayPort("tcp", 31400, 31400));
      ingressPorts.add(new GatewayPort("tls", 15443, 15443));
    }
    gateways.add(
        new GatewayDefaults(
            INGRESS,
            GatewaySpec.Kind.INGRESS,
            ingress,
            List.copyOf(ingressPorts),
            demo ? null : AUTOSCALE,
            demo ? DEMO_RESOURCES : RESOURCES));
    gateways.add(
        new GatewayDefaults(
            EGRESS,
            GatewaySpec.Kind.EGRESS,
            egress,
            WEB,
            demo ? null : AUTOSCALE,
            demo ? DEMO_RESOURCES : RESOURCES));
    return gateways;
  }

  /** An extra gateway the user names: the chart defaults of its kind. */
  static GatewayDefaults forKind(String name, GatewaySpec.Kind kind) {
    List<GatewayPort> ports = new ArrayList<>();
    if (kind == GatewaySpec.Kind.INGRESS) {
      ports.add(STATUS);
    }
    ports.addAll(WEB);
    return new GatewayDefaults(name, kind, true, List.copyOf(ports), AUTOSCALE, RESOURCES);
  }
}
