package dev.meshoperator.localcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.meshoperator.testing.LocalClusterExtension;
import dev.meshoperator.testing.PodReadiness;
import dev.meshoperator.testing.SharedLocalCluster;
import dev.meshoperator.testing.TestNamespace;
import dev.meshoperator.testing.Tiers;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRuleBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The local control plane behaves like a real cluster in the ways the operator relies on. */
@ExtendWith(LocalClusterExtension.class)
@Tag(Tiers.CLUSTER)
class LocalClusterIT {

  private static final Duration BOUND = Duration.ofSeconds(60);

  @Test
  void deploymentBecomesAvailableWithFakePods(KubernetesClient client, TestNamespace ns) {
    client.resource(deployment(ns, "web", 3)).create();

    await()
        .atMost(BOUND)
        .untilAsserted(
            () ->
                assertThat(deploymentNamed(client, ns, "web").getStatus().getAvailableReplicas())
                    .isEqualTo(3));
    assertThat(podsLabelled(client, ns, "web"))
        .allSatisfy(pod -> assertThat(pod.getStatus().getPhase()).isEqualTo("Running"));
  }

  @Test
  void daemonSetRunsAReadyPodOnEveryFakeNode(KubernetesClient client, TestNamespace ns) {
    DaemonSet daemonSet =
        new DaemonSetBuilder()
            .withNewMetadata()
            .withName("agent")
            .withNamespace(ns.name())
            .endMetadata()
            .withNewSpec()
            .withNewSelector()
            .addToMatchLabels("app", "agent")
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .addToLabels("app", "agent")
            .endMetadata()
            .withNewSpec()
            .addToNodeSelector("kubernetes.io/os", "linux")
            .addNewContainer()
            .withName("agent")
            .withImage("example.invalid/agent:1")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    client.resource(daemonSet).create();

    await()
        .atMost(BOUND)
        .untilAsserted(
            () -> {
              DaemonSet current =
                  client.apps().daemonSets().inNamespace(ns.name()).withName("agent").get();
              assertThat(current.getStatus().getDesiredNumberScheduled())
                  .isEqualTo(SharedLocalCluster.NODES);
              assertThat(current.getStatus().getNumberReady()).isEqualTo(SharedLocalCluster.NODES);
            });
    assertThat(podsLabelled(client, ns, "agent"))
        .extracting(pod -> pod.getSpec().getNodeName())
        .doesNotHaveDuplicates()
        .hasSize(SharedLocalCluster.NODES);
  }

  @Test
  void deletingAnOwnerGarbageCollectsItsDependents(KubernetesClient client, TestNamespace ns) {
    client.resource(deployment(ns, "doomed", 2)).create();
    await().atMost(BOUND).until(() -> podsLabelled(client, ns, "doomed").size() == 2);

    client.apps().deployments().inNamespace(ns.name()).withName("doomed").delete();

    await()
        .atMost(BOUND)
        .untilAsserted(
            () -> {
              assertThat(
                      client
                          .apps()
                          .replicaSets()
                          .inNamespace(ns.name())
                          .withLabel("app", "doomed")
                          .list()
                          .getItems())
                  .isEmpty();
              assertThat(podsLabelled(client, ns, "doomed")).isEmpty();
            });
  }

  @Test
  void aPodMadeNotReadyTakesItsDeploymentOutOfAvailability(
      KubernetesClient client, TestNamespace ns) {
    client.resource(deployment(ns, "flaky", 1)).create();
    await()
        .atMost(BOUND)
        .until(
            () ->
                Integer.valueOf(1)
                    .equals(
                        deploymentNamed(client, ns, "flaky").getStatus().getAvailableReplicas()));

    PodReadiness.set(client, podsLabelled(client, ns, "flaky").get(0), false);

    await()
        .atMost(BOUND)
        .untilAsserted(
            () ->
                assertThat(deploymentNamed(client, ns, "flaky").getStatus().getAvailableReplicas())
                    .isNull());
  }

  @Test
  void celValidationRuleRejectsABadObjectWithItsMessage(KubernetesClient client) {
    CustomResourceDefinition crd =
        new CustomResourceDefinitionBuilder()
            .withNewMetadata()
            .withName("widgets.harness.mesh.operator.dev")
            .endMetadata()
            .withNewSpec()
            .withGroup("harness.mesh.operator.dev")
            .withScope("Cluster")
            .withNewNames()
            .withKind("Widget")
            .withPlural("widgets")
            .endNames()
            .addNewVersion()
            .withName("v1")
            .withServed(true)
            .withStorage(true)
            .withNewSchema()
            .withOpenAPIV3Schema(
                new JSONSchemaPropsBuilder()
                    .withType("object")
                    .addToProperties(
                        "spec",
                        new JSONSchemaPropsBuilder()
                            .withType("object")
                            .addToProperties(
                                "min", new JSONSchemaPropsBuilder().withType("integer").build())
                            .addToProperties(
                                "max", new JSONSchemaPropsBuilder().withType("integer").build())
                            .withXKubernetesValidations(
                                new ValidationRuleBuilder()
                                    .withRule("self.min <= self.max")
                                    .withMessage("min must not exceed max")
                                    .build())
                            .build())
                    .build())
            .endSchema()
            .endVersion()
            .endSpec()
            .build();
    CrdInstaller.install(client, crd);
    ResourceDefinitionContext widgets =
        new ResourceDefinitionContext.Builder()
            .withGroup("harness.mesh.operator.dev")
            .withVersion("v1")
            .withKind("Widget")
            .withPlural("widgets")
            .withNamespaced(false)
            .build();
    GenericKubernetesResource bad =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("harness.mesh.operator.dev/v1")
            .withKind("Widget")
            .withNewMetadata()
            .withName("inverted")
            .endMetadata()
            .withAdditionalProperties(Map.of("spec", Map.of("min", 5, "max", 1)))
            .build();

    assertThatThrownBy(() -> client.genericKubernetesResources(widgets).resource(bad).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("min must not exceed max")
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422));
  }

  private static Deployment deployment(TestNamespace ns, String name, int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(ns.name())
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName(name)
        .withImage("example.invalid/" + name + ":1")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static Deployment deploymentNamed(
      KubernetesClient client, TestNamespace ns, String name) {
    return client.apps().deployments().inNamespace(ns.name()).withName(name).get();
  }

  private static List<Pod> podsLabelled(KubernetesClient client, TestNamespace ns, String app) {
    return client.pods().inNamespace(ns.name()).withLabel("app", app).list().getItems();
  }
}
