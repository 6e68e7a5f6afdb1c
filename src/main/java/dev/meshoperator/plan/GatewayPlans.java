package dev.meshoperator.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshoperator.api.v1alpha1.GatewaySpec;
import dev.meshoperator.catalog.ImageReference;
import dev.meshoperator.catalog.IstioRelease;
import dev.meshoperator.catalog.RelatedImages;
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
              gateway.ports(),
              scaling.replicas(),
              scaling.autoscale(),
              Objects.requireNonNullElse(spec.getResources(), gateway.resources()),
              Collections.unmodifiableMap(env),
              Collections.unmodifiableMap(
                  new TreeMap<>(Objects.requireNonNullElse(spec.getNodeSelector(), Map.of()))),
              List.copyOf(Objects.requireNonNullElse(spec.getTolerations(), List.of())),
              Objects.requireNonNullElse(
                  spec.getServiceType(),
                  gateway.kind() == GatewaySpec.Kind.INGRESS
                      ? GatewaySpec.ServiceType.LoadBalancer
                      : GatewaySpec.ServiceType.ClusterIP),
              Collections.unmodifiableMap(
                  new TreeMap<>(
                      Objects.requireNonNullElse(spec.getServiceAnnotations(), Map.of())))));
    }
    return List.copyOf(plans);
  }
}
