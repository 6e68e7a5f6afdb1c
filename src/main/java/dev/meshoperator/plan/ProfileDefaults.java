package dev.meshoperator.plan;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshoperator.api.v1alpha1.Profile;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.List;
import java.util.Map;

/**
 * What each Istio profile turns on and the defaults it gives istiod, as upstream's profiles for the
 * catalog's releases define them.
 *
 * @param variant image variant suffix ({@code distroless}), or empty
 */
record ProfileDefaults(
    boolean base,
    boolean pilot,
    boolean cni,
    boolean ztunnel,
    Autoscale autoscale,
    ResourceRequirements pilotResources,
    ResourceRequirements cniResources,
    ResourceRequirements ztunnelResources,
    String traceSampling,
    Map<String, String> pilotEnv,
    String variant,
    ObjectNode meshConfig,
    List<GatewayDefaults> gateways) {

  private static final Autoscale UPSTREAM_AUTOSCALE = new Autoscale(1, 5, 80);
  private static final ResourceRequirements CNI = requests("100m", "100Mi");
  private static final ResourceRequirements ZTUNNEL = requests("200m", "512Mi");

  static ProfileDefaults of(Profile profile) {
    return switch (profile) {
      case DEFAULT, MINIMAL ->
          new ProfileDefaults(
              true,
              true,
              false,
              false,
              UPSTREAM_AUTOSCALE,
              requests("500m", "2048Mi"),
              CNI,
              ZTUNNEL,
              "1",
              Map.of(),
              "",
              mesh(),
              GatewayDefaults.of(profile == Profile.DEFAULT, false, false));
      case DEMO -> {
        ObjectNode mesh = mesh();
        mesh.put("accessLogFile", "/dev/stdout");
        yield new ProfileDefaults(
            true,
            true,
            false,
            false,
            null,
            requests("10m", "100Mi"),
            requests("10m", "40Mi"),
            requests("10m", "40Mi"),
            "100",
            Map.of(),
            "",
            mesh,
            GatewayDefaults.of(true, true, true));
      }
      case AMBIENT -> {
        ObjectNode mesh = mesh();
        mesh.putObject("defaultConfig")
            .putObject("proxyMetadata")
            .put("ISTIO_META_ENABLE_HBONE", "true");
        ObjectNode scope = mesh.putArray("serviceScopeConfigs").addObject();
        scope
            .putObject("servicesSelector")
            .putArray("matchExpressions")
            .addObject()
            .put("key", "istio.io/global")
            .put("operator", "In")
            .putArray("values")
            .add("true");
        scope.put("scope", "GLOBAL");
        yield new ProfileDefaults(
            true,
            true,
            true,
            true,
            UPSTREAM_AUTOSCALE,
            requests("500m", "2048Mi"),
            CNI,
            ZTUNNEL,
            "1",
            Map.of("PILOT_ENABLE_AMBIENT", "true"),
            "distroless",
            mesh,
            GatewayDefaults.of(false, false, false));
      }
      // Upstream's empty profile: the default one with every component off.
      case EMPTY -> of(Profile.DEFAULT).withComponents(false, false, false, false);
    };
  }

  /** The same profile with base, pilot and the node agents set, and no gateway. */
  private ProfileDefaults withComponents(
      boolean base, boolean pilot, boolean cni, boolean ztunnel) {
    return new ProfileDefaults(
        base,
        pilot,
        cni,
        ztunnel,
        autoscale,
        pilotResources,
        cniResources,
        ztunnelResources,
        traceSampling,
        pilotEnv,
        variant,
        meshConfig,
        GatewayDefaults.of(false, false, false));
  }

  /** MeshConfig fields every profile sets; namespace- and revision-specific ones come later. */
  private static ObjectNode mesh() {
    ObjectNode mesh = JsonNodeFactory.instance.objectNode();
    mesh.putObject("defaultProviders").putArray("metrics").add("prometheus");
    mesh.put("enablePrometheusMerge", true);
    mesh.put("trustDomain", "cluster.local");
    return mesh;
  }

  private static ResourceRequirements requests(String cpu, String memory) {
    return new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity(cpu))
        .addToRequests("memory", new Quantity(memory))
        .build();
  }
}
