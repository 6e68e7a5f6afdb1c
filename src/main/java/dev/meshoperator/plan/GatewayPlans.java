package dev.meshoperator.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshoperator.api.v1alpha1.GatewayPortSpec;
import dev.meshoperator.api.v1alpha1.GatewaySpec;
import dev.meshoperator.catalog.ImageReference;
import dev.meshoperator.catalog.IstioRelease;
import dev.meshoperator.catalog.RelatedImages;
import dev.meshoperator.plan.GatewayPlan.GatewayPort;
import dev.meshoperator.plan.InvalidSpecException.Reason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The ingress and egress gateways of a plan. Pure. */
final class GatewayPlans {

  private GatewayPlans() {}

  /**
   * The profile's gateways, changed or turned off by entries of the same name, plus the user's own.
   * Each runs proxyv2 from the installation's release.
   */
  static List<GatewayPlan> resolve(
      String defaultHub,
      RelatedImages images,
      IstioRelease release,
      ProfileDefaults defaults,
      String namespace,
      ObjectNode meshConfig,
      List<GatewaySpec> requested) {
    Map<String, GatewaySpec> user = new LinkedHashMap<>();
    for (GatewaySpec gateway : Objects.requireNonNullElse(requested, List.<GatewaySpec>of())) {
      if (user.put(gateway.getName(), gateway) != null) {
        throw new InvalidSpecException(
            Reason.InvalidSpec, "gateway " + gateway.getName() + " is listed twice");
      }
    }
    Map<String, GatewayDefaults> base = new LinkedHashMap<>();
    defaults.gateways().forEach(g -> base.put(g.name(), g));
    for (GatewaySpec gateway : user.values()) {
      if (base.containsKey(gateway.getName())) {
        continue;
      }
      if (gateway.getKind() == null) {
        throw new InvalidSpecException(
            Reason.InvalidSpec,
            "gateway " + gateway.getName() + " needs a kind (Ingress or Egress)");
      }
      base.put(gateway.getName(), GatewayDefaults.forKind(gateway.getName(), gateway.getKind()));
    }

    List<GatewayPlan> plans = new ArrayList<>();
    for (GatewayDefaults gateway : base.values()) {
      GatewaySpec spec = user.getOrDefault(gateway.name(), new GatewaySpec());
      if (spec.getKind() != null && spec.getKind() != gateway.kind()) {
        throw new InvalidSpecException(
            Reason.InvalidSpec,
            "gateway "
                + gateway.name()
                + " is the profile's "
                + (gateway.kind() == GatewaySpec.Kind.INGRESS ? "Ingress" : "Egress")
                + " gateway; its kind cannot change");
      }
      if (!PlanResolver.enabled(spec, gateway.enabled())) {
        continue;
      }
      if (spec.getNodeSelector() != null
          && !spec.getNodeSelector().isEmpty()
          && spec.getAffinity() != null
          && spec.getAffinity().getNodeAffinity() != null) {
        // A gateway's node selector becomes required node affinity, as upstream's chart does.
        throw new InvalidSpecException(
            Reason.InvalidSpec,
            "gateway "
                + gateway.name()
                + " sets both nodeSelector and affinity.nodeAffinity; set one");
      }
      String hub = Objects.requireNonNullElse(spec.getHub(), defaultHub);
      String tag = Objects.requireNonNullElse(spec.getTag(), release.version());
      String variant = defaults.variant().isEmpty() ? "" : "-" + defaults.variant();
      Scaling scaling = Scaling.of(gateway.autoscale(), null, spec);
      Map<String, String> env = new TreeMap<>();
      meshConfig
          .path("defaultConfig")
          .path("proxyMetadata")
          .fields()
          .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
      env.putAll(Objects.requireNonNullElse(spec.getEnv(), Map.of()));
      plans.add(
          new GatewayPlan(
              gateway.name(),
              gateway.kind(),
              Objects.requireNonNullElse(spec.getNamespace(), namespace),
              images.resolve(ImageReference.of(hub, "proxyv2", tag, variant)),
              ports(gateway, spec),
              scaling.replicas(),
              scaling.autoscale(),
              Objects.requireNonNullElse(spec.getResources(), gateway.resources()),
              Collections.unmodifiableMap(env),
              Collections.unmodifiableMap(
                  new TreeMap<>(Objects.requireNonNullElse(spec.getNodeSelector(), Map.of()))),
              List.copyOf(Objects.requireNonNullElse(spec.getTolerations(), List.of())),
              service(gateway, spec),
              PodPlacement.of(spec),
              DisruptionBudget.of(spec.getPodDisruptionBudget(), scaling)));
    }
    return List.copyOf(plans);
  }

  private static GatewayPlan.GatewayService service(GatewayDefaults gateway, GatewaySpec spec) {
    return new GatewayPlan.GatewayService(
        Objects.requireNonNullElse(
            spec.getServiceType(),
            gateway.kind() == GatewaySpec.Kind.INGRESS
                ? GatewaySpec.ServiceType.LoadBalancer
                : GatewaySpec.ServiceType.ClusterIP),
        Collections.unmodifiableMap(
            new TreeMap<>(Objects.requireNonNullElse(spec.getServiceAnnotations(), Map.of()))),
        spec.getLoadBalancerIP(),
        spec.getLoadBalancerClass(),
        spec.getExternalTrafficPolicy() == null ? null : spec.getExternalTrafficPolicy().name());
  }

  /**
   * The user's ports replace the profile's traffic ports; an ingress gateway's status port, which
   * load balancers probe, always stays first.
   */
  private static List<GatewayPort> ports(GatewayDefaults gateway, GatewaySpec spec) {
    if (spec.getPorts() == null) {
      return gateway.ports();
    }
    List<GatewayPort> ports = new ArrayList<>();
    if (gateway.ports().contains(GatewayDefaults.STATUS)) {
      ports.add(GatewayDefaults.STATUS);
    }
    for (GatewayPortSpec port : spec.getPorts()) {
      ports.add(
          new GatewayPort(
              port.getName(),
              port.getPort(),
              Objects.requireNonNullElse(port.getTargetPort(), port.getPort())));
    }
    return List.copyOf(ports);
  }
}
