package dev.meshoperator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.ComponentsSpec;
import dev.meshoperator.api.v1alpha1.GatewaySpec;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.PilotSpec;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.api.v1alpha1.ReservedEnv;
import dev.meshoperator.api.v1alpha1.ValuesSpec;
import dev.meshoperator.api.v1alpha1.WorkloadSpec;
import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.plan.MeshPlan;
import dev.meshoperator.plan.PlanResolver;
import dev.meshoperator.testing.Installations;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The env names admission refuses on each component are every name its renderer sets itself; the
 * names it merely defaults give way to the user's entry. A name missing from a list would be a
 * duplicate the API server refuses, or a user's value silently overridden.
 */
class ReservedEnvTest {

  /** Defaults of the chart the user may override: each stays a single entry with their value. */
  private static final Map<String, List<String>> TUNING =
      Map.of(
          "istiod",
          List.of(
              "PILOT_TRACE_SAMPLING",
              "PILOT_ENABLE_ANALYSIS",
              "GOMAXPROCS",
              "CA_TRUSTED_NODE_ACCOUNTS"),
          "ztunnel",
          List.of("RUST_LOG", "RUST_BACKTRACE", "TERMINATION_GRACE_PERIOD_SECONDS"),
          "istio-ingressgateway",
          List.of("ISTIO_META_NETWORK"));

  @Test
  void everyNameARendererSetsItselfIsReservedForItsComponent() {
    MeshInstallation mesh = mesh(c -> {});
    MeshPlan plan = new PlanResolver(IstioCatalog.load()).resolve(mesh);
    Map<String, Set<String>> planned =
        Map.of(
            "istiod", plan.istiod().orElseThrow().env().keySet(),
            "ztunnel", plan.ztunnel().orElseThrow().env().keySet(),
            "istio-cni-node", Set.of(),
            "istio-ingressgateway", plan.gateways().get(0).env().keySet());
    Map<String, List<String>> reserved =
        Map.of(
            "istiod", CelLists.items(ReservedEnv.ISTIOD),
            "ztunnel", CelLists.items(ReservedEnv.ZTUNNEL),
            "istio-cni-node", CelLists.items(ReservedEnv.CNI),
            "istio-ingressgateway", CelLists.items(ReservedEnv.GATEWAY));

    Map<String, List<String>> rendered = envNames(MeshRenderer.render(plan).objects());

    assertThat(rendered).containsOnlyKeys(reserved.keySet());
    rendered.forEach(
        (component, names) -> {
          Set<String> own = new HashSet<>(names);
          own.removeAll(planned.get(component));
          own.removeAll(TUNING.getOrDefault(component, List.of()));
          assertThat(reserved.get(component))
              .as("names %s sets itself", component)
              .containsAll(own);
        });
  }

  @Test
  void aUserEntryOfATuningNameReplacesTheDefault() {
    MeshInstallation mesh =
        mesh(
            components -> {
              components.getPilot().setEnv(env(TUNING.get("istiod")));
              components.getZtunnel().setEnv(env(TUNING.get("ztunnel")));
              components.getGateways().get(0).setEnv(env(TUNING.get("istio-ingressgateway")));
            });
    MeshPlan plan = new PlanResolver(IstioCatalog.load()).resolve(mesh);

    for (HasMetadata object : MeshRenderer.render(plan).objects()) {
      for (Container container : containers(object)) {
        List<String> tuning = TUNING.getOrDefault(object.getMetadata().getName(), List.of());
        for (String name : tuning) {
          assertThat(container.getEnv())
              .as("%s in %s", name, object.getMetadata().getName())
              .filteredOn(e -> e.getName().equals(name))
              .singleElement()
              .satisfies(e -> assertThat(e.getValue()).isEqualTo("users-" + name));
        }
      }
    }
  }

  /**
   * Ambient with an ingress gateway, a network and ztunnel's CPU set: every conditional name of the
   * renderers is written.
   */
  private static MeshInstallation mesh(Consumer<ComponentsSpec> customize) {
    return Installations.unapplied(
        "mesh",
        spec -> {
          spec.setVersion("1.31.4");
          spec.setProfile(Profile.AMBIENT);
          ValuesSpec values = new ValuesSpec();
          values.setNetwork("network1");
          spec.setValues(values);
          ComponentsSpec components = new ComponentsSpec();
          components.setPilot(new PilotSpec());
          WorkloadSpec ztunnel = new WorkloadSpec();
          ztunnel.setResources(
              new ResourceRequirementsBuilder()
                  .addToRequests("cpu", new Quantity("200m"))
                  .addToLimits("cpu", new Quantity("1"))
                  .build());
          components.setZtunnel(ztunnel);
          GatewaySpec ingress = new GatewaySpec();
          ingress.setName("istio-ingressgateway");
          ingress.setEnabled(true);
          components.setGateways(List.of(ingress));
          customize.accept(components);
          spec.setComponents(components);
        });
  }

  private static Map<String, String> env(List<String> names) {
    Map<String, String> env = new java.util.TreeMap<>();
    names.forEach(n -> env.put(n, "users-" + n));
    return env;
  }

  private static Map<String, List<String>> envNames(List<HasMetadata> objects) {
    Map<String, List<String>> names = new java.util.TreeMap<>();
    for (HasMetadata object : objects) {
      for (Container container : containers(object)) {
        List<String> list =
            names.computeIfAbsent(object.getMetadata().getName(), k -> new ArrayList<>());
        container.getEnv().stream().map(EnvVar::getName).forEach(list::add);
      }
    }
    return names;
  }

  private static List<Container> containers(HasMetadata object) {
    PodTemplateSpec template =
        object instanceof Deployment d
            ? d.getSpec().getTemplate()
            : object instanceof DaemonSet s ? s.getSpec().getTemplate() : null;
    return template == null ? List.of() : template.getSpec().getContainers();
  }
}
