package dev.meshoperator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshoperator.ambient.AmbientLabels;
import dev.meshoperator.api.v1alpha1.AmbientSpec;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.apply.EnrollmentHold;
import dev.meshoperator.testing.AuditedCluster;
import dev.meshoperator.testing.Installations;
import dev.meshoperator.testing.MeshAssert;
import dev.meshoperator.testing.Namespaces;
import dev.meshoperator.testing.PackagedOperator;
import dev.meshoperator.testing.Tiers;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Uninstalling in the wrong order (docs/deployment.md, "Uninstalling"): the operator goes before
 * its installations. One that enrolled nothing carries no finalizer and is deleted by Kubernetes
 * alone, its objects garbage-collected. One that enrolled a namespace waits, Terminating, with
 * nothing it made touched and its namespace still enrolled (no half-done uninstall), and an
 * operator started again finishes it: the namespace is given back and the installation goes.
 */
@Tag(Tiers.PACKAGED)
class UninstallIT {

  private static final Duration BOUND = Duration.ofMinutes(2);

  @Test
  void anInstallationDeletedWithoutTheOperatorWaitsAndFinishesWhenItReturns() throws Exception {
    try (AuditedCluster cluster = AuditedCluster.start("uninstall-it", 1)) {
      KubernetesClient admin = cluster.admin();
      Namespaces.apply(admin, "shop", Map.of("team", "shop"));
      // One installation at a time: two would contend for Istio's cluster-wide objects.
      MeshInstallation plain;
      try (PackagedOperator operator =
          cluster.startOperator(Map.of(), "operator-1.log").awaitStarted(BOUND)) {
        plain = admin.resource(Installations.of("plain", spec -> {})).create();
        MeshAssert.of(admin, plain).within(BOUND).awaitReady();
        assertThat(admin.resource(plain).get().getFinalizers()).isEmpty();
      }
      admin.resource(plain).delete();
      await().atMost(BOUND).until(() -> admin.resource(plain).get() == null);
      await()
          .atMost(BOUND)
          .alias("the garbage collector removes what the installation made")
          .until(() -> admin.apps().deployments().inNamespace("plain").list().getItems().isEmpty());

      MeshInstallation mesh;
      try (PackagedOperator operator =
          cluster.startOperator(Map.of(), "operator-2.log").awaitStarted(BOUND)) {
        mesh =
            admin
                .resource(
                    Installations.of(
                        "enrolling",
                        spec -> {
                          spec.setProfile(Profile.AMBIENT);
                          AmbientSpec enrollment = new AmbientSpec();
                          enrollment.setNamespaces(List.of("shop"));
                          spec.setAmbient(enrollment);
                        }))
                .create();
        MeshAssert.of(admin, mesh).within(BOUND).awaitReady();
        await().atMost(BOUND).until(() -> enrolled(admin));
        assertThat(admin.resource(mesh).get().getFinalizers())
            .containsExactly(EnrollmentHold.FINALIZER);
      }

      admin.resource(mesh).delete();
      Thread.sleep(10_000);
      MeshInstallation terminating = admin.resource(mesh).get();
      assertThat(terminating).as("the installation, without an operator").isNotNull();
      assertThat(terminating.getMetadata().getDeletionTimestamp()).isNotNull();
      assertThat(enrolled(admin)).as("shop still enrolled").isTrue();
      assertThat(admin.apps().deployments().inNamespace("enrolling").withName("istiod").get())
          .as("istiod, kept until the installation goes")
          .isNotNull();

      try (PackagedOperator again =
          cluster.startOperator(Map.of(), "operator-3.log").awaitStarted(BOUND)) {
        await().atMost(BOUND).until(() -> admin.resource(mesh).get() == null);
        assertThat(enrolled(admin)).as("shop enrolled after its installation went").isFalse();
        await()
            .atMost(BOUND)
            .until(
                () ->
                    admin.apps().deployments().inNamespace("enrolling").withName("istiod").get()
                        == null);
        assertThat(again.isAlive()).isTrue();
      }
    }
  }

  private static boolean enrolled(KubernetesClient admin) {
    Map<String, String> labels =
        admin.namespaces().withName("shop").get().getMetadata().getLabels();
    return labels != null && AmbientLabels.AMBIENT.equals(labels.get(AmbientLabels.DATAPLANE_MODE));
  }
}
