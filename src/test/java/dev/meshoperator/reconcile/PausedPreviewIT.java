package dev.meshoperator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.NetworkPolicySpec;
import dev.meshoperator.api.v1alpha1.PilotSpec;
import dev.meshoperator.api.v1alpha1.PreviewChange;
import dev.meshoperator.api.v1alpha1.PreviewStatus;
import dev.meshoperator.api.v1alpha1.ValuesSpec;
import dev.meshoperator.testing.AuditLog;
import dev.meshoperator.testing.AuditedCluster;
import dev.meshoperator.testing.DeployedOperator;
import dev.meshoperator.testing.Installations;
import dev.meshoperator.testing.MeshAssert;
import dev.meshoperator.testing.MeshEdits;
import dev.meshoperator.testing.PackagedOperator;
import dev.meshoperator.testing.Tiers;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * spec.paused as a GitOps reviewer uses it: an upgrade merged while paused writes nothing, the
 * status lists what it would create, change (which fields) and delete, and unpausing writes exactly
 * those objects. The API server's audit log is the witness of every write.
 */
@Tag(Tiers.PACKAGED)
class PausedPreviewIT {

  private static final Duration BOUND = Duration.ofMinutes(3);
  private static final String NAMESPACE = "paused";

  /** The installation's own status and its Events are not objects the preview is about. */
  private static final Predicate<String> NOT_RENDERED =
      resource -> resource.equals("meshinstallations") || resource.equals("events");

  @Test
  void aPausedUpgradeIsPreviewedThenAppliedExactly() throws Exception {
    try (AuditedCluster cluster = AuditedCluster.start("paused-preview-it", 1)) {
      KubernetesClient admin = cluster.admin();
      AuditLog audit = cluster.audit();
      try (PackagedOperator operator =
          cluster.startOperator(Map.of(), "operator.log").awaitStarted(BOUND)) {
        MeshInstallation mesh =
            admin.resource(Installations.of(NAMESPACE, spec -> spec.setVersion("1.29.6"))).create();
        MeshAssert.of(admin, mesh).within(BOUND).awaitReady();
        audit.awaitQuiet(3_000, BOUND.toMillis());
        String before = image(admin);

        // The reviewed change: a new release, NetworkPolicies on, a fixed istiod replica count.
        long pausedAt = audit.mark();
        MeshInstallation edited =
            MeshEdits.edit(
                admin,
                NAMESPACE,
                m -> {
                  m.getSpec().setPaused(true);
                  m.getSpec().setVersion("1.30.4");
                  ValuesSpec values = new ValuesSpec();
                  NetworkPolicySpec policies = new NetworkPolicySpec();
                  policies.setEnabled(true);
                  values.setNetworkPolicy(policies);
                  m.getSpec().setValues(values);
                  PilotSpec pilot = new PilotSpec();
                  pilot.setReplicas(1);
                  m.getSpec().getComponents().setPilot(pilot);
                });
        long generation = edited.getMetadata().getGeneration();
        MeshInstallation paused =
            MeshAssert.of(admin, NAMESPACE)
                .within(BOUND)
                .awaitStatus(
                    m -> {
                      assertThat(MeshAssert.requireCondition(m, "Reconciled").getReason())
                          .isEqualTo("Paused");
                      assertThat(m.getStatus().getPreview().getObservedGeneration())
                          .isEqualTo(generation);
                    });
        audit.awaitQuiet(3_000, BOUND.toMillis());

        assertThat(audit.writtenObjects(pausedAt, NOT_RENDERED))
            .as("objects written while paused")
            .isEmpty();
        assertThat(audit.dryRuns(pausedAt)).as("dry runs behind the changed fields").isPositive();
        assertThat(image(admin)).isEqualTo(before);
        PreviewStatus preview = paused.getStatus().getPreview();
        assertThat(preview.getChange())
            .anySatisfy(
                c -> {
                  assertThat(c.getObject()).isEqualTo("Deployment/" + NAMESPACE + "/istiod");
                  // spec.replicas is already 1 (the HPA's minimum), so it is not a change.
                  assertThat(c.getFields())
                      .contains(
                          "spec.template.spec.containers[discovery].image",
                          "metadata.labels['app.kubernetes.io/version']")
                      .doesNotContain("spec.replicas");
                });
        assertThat(preview.getCreate()).contains("NetworkPolicy/" + NAMESPACE + "/istiod");
        assertThat(preview.getDelete())
            .contains("HorizontalPodAutoscaler/" + NAMESPACE + "/istiod");
        assertThat(MeshAssert.requireCondition(paused, "Reconciled").getMessage())
            .contains("status.preview");

        // Unpaused: exactly the previewed objects are written, and the preview goes.
        long resumedAt = audit.mark();
        MeshEdits.edit(admin, NAMESPACE, m -> m.getSpec().setPaused(false));
        MeshInstallation applied =
            MeshAssert.of(admin, NAMESPACE)
                .within(BOUND)
                .awaitReady(m -> assertThat(m.getStatus().getVersion()).isEqualTo("1.30.4"));
        audit.awaitQuiet(3_000, BOUND.toMillis());

        assertThat(audit.writtenObjects(resumedAt, NOT_RENDERED))
            .as("objects written after unpausing")
            .isEqualTo(resources(preview));
        assertThat(applied.getStatus().getPreview()).isNull();
        assertThat(image(admin)).endsWith(":1.30.4");
        assertThat(operator.isAlive()).isTrue();
      }
    }
  }

  /** The preview's objects as the audit log names them: "resource namespace/name". */
  private static SortedSet<String> resources(PreviewStatus preview) {
    SortedSet<String> objects = new TreeSet<>();
    preview.getCreate().forEach(o -> objects.add(resource(o)));
    preview.getChange().stream()
        .map(PreviewChange::getObject)
        .forEach(o -> objects.add(resource(o)));
    preview.getDelete().forEach(o -> objects.add(resource(o)));
    return objects;
  }

  /** Kind/namespace/name to "resource namespace/name"; Kubernetes' plurals of these kinds. */
  private static String resource(String object) {
    int slash = object.indexOf('/');
    String kind = object.substring(0, slash).toLowerCase(Locale.ROOT);
    String plural = kind.endsWith("y") ? kind.substring(0, kind.length() - 1) + "ies" : kind + "s";
    return plural + " " + object.substring(slash + 1);
  }

  private static String image(KubernetesClient admin) {
    Deployment istiod = admin.apps().deployments().inNamespace(NAMESPACE).withName("istiod").get();
    return DeployedOperator.container(istiod).getImage();
  }
}
