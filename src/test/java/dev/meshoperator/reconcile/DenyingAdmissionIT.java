package dev.meshoperator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.apply.ReconcileStats;
import dev.meshoperator.status.Conditions;
import dev.meshoperator.testing.DumpOnFailure;
import dev.meshoperator.testing.Installations;
import dev.meshoperator.testing.LocalClusterTestResource;
import dev.meshoperator.testing.MeshAssert;
import dev.meshoperator.testing.Namespaces;
import dev.meshoperator.testing.Tiers;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API server's admission refuses the operator's writes (a ValidatingAdmissionPolicy, evaluated
 * by the real apiserver, freezing Deployments in the installation's namespace): the installation
 * says so, the operator backs off without a hot loop and without giving up, and it converges once
 * the policy is gone, with no event on the installation to wake it.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalClusterTestResource.class, restrictToAnnotatedClass = true)
@ExtendWith(DumpOnFailure.class)
@Tag(Tiers.CLUSTER)
class DenyingAdmissionIT {

  @Inject KubernetesClient client;
  @Inject ReconcileStats stats;

  @Test
  void deniedWritesAreReportedRetriedWithBackoffAndRecovered() {
    String name = Installations.uniqueName("denied");
    List<HasMetadata> policy = policy(name);
    policy.forEach(object -> client.resource(object).create());
    awaitInEffect(name);
    MeshInstallation mesh = client.resource(Installations.of(name, spec -> {})).create();
    try {
      var failed =
          MeshAssert.of(client, mesh)
              .within(Duration.ofSeconds(60))
              .awaitReason(Conditions.RECONCILED, "ApplyFailed");
      assertThat(failed.getMessage())
          .contains("frozen by the test's policy")
          .containsPattern("the API server refused Deployment " + name + "/istio[a-z-]*")
          .doesNotContain("Failure executing", "https://", "Exception");
      MeshAssert.of(client, mesh).awaitWarningEvent("ApplyFailed");

      // Longer than the operator SDK's default five retries take (about 26 s): still retrying,
      // a few times, not in a loop.
      long before = stats.reconciles();
      await().pollDelay(Duration.ofSeconds(40)).atMost(Duration.ofSeconds(41)).until(() -> true);
      assertThat(client.apps().deployments().inNamespace(name).withName("istiod").get()).isNull();

      policy.forEach(object -> client.resource(object).delete());
      MeshAssert.of(client, mesh).within(Duration.ofSeconds(90)).awaitReady();
      assertThat(stats.reconciles() - before)
          .as("reconciles while denied and until recovered (backoff, no hot loop)")
          .isBetween(1L, 40L);
    } finally {
      policy.forEach(object -> client.resource(object).delete());
      client.resource(mesh).delete();
      await().atMost(MeshAssert.BOUND).until(() -> client.resource(mesh).get() == null);
    }
  }

  /**
   * The apiserver loads admission policies asynchronously, so a write in the first moments after
   * the policy was created may still pass: probe with a dry-run Deployment until it is refused.
   * (The namespace is created here for the probe; the operator then applies it as its own.)
   */
  private void awaitInEffect(String namespace) {
    Namespaces.apply(client, namespace, Map.of());
    Deployment probe =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("policy-probe")
            .withNamespace(namespace)
            .endMetadata()
            .withNewSpec()
            .withNewSelector()
            .withMatchLabels(Map.of("app", "probe"))
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(Map.of("app", "probe"))
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("probe")
            .withImage("probe")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              try {
                client.resource(probe).dryRun().create();
                return false;
              } catch (KubernetesClientException refused) {
                return String.valueOf(refused.getMessage()).contains("frozen by the test's policy");
              }
            });
  }

  private static List<HasMetadata> policy(String namespace) {
    return Serialization.unmarshal(
        """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata:
          name: freeze-%1$s
        spec:
          failurePolicy: Fail
          matchConstraints:
            resourceRules:
            - apiGroups: [apps]
              apiVersions: [v1]
              operations: [CREATE, UPDATE]
              resources: [deployments]
          validations:
          - expression: "object.metadata.namespace != '%1$s'"
            message: "Deployments in %1$s are frozen by the test's policy"
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicyBinding
        metadata:
          name: freeze-%1$s
        spec:
          policyName: freeze-%1$s
          validationActions: [Deny]
        """
            .formatted(namespace));
  }
}
