package dev.meshoperator.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshoperator.api.v1alpha1.ForeignIstioStatus;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.UpdateStrategy;
import dev.meshoperator.testing.AuditLog;
import dev.meshoperator.testing.AuditedCluster;
import dev.meshoperator.testing.Installations;
import dev.meshoperator.testing.MeshAssert;
import dev.meshoperator.testing.MeshEdits;
import dev.meshoperator.testing.Namespaces;
import dev.meshoperator.testing.PackagedOperator;
import dev.meshoperator.testing.ProjectTools;
import dev.meshoperator.testing.Tiers;
import dev.meshoperator.testing.UpstreamIstioModule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Istio installed the way its Helm users do (upstream's base and istiod charts of the pinned
 * istio.io/istio module, by the Helm the tests build), then a MeshInstallation beside it: the
 * packaged operator reports the Helm install in status.foreignIstio (release, revision, the
 * namespaces and pods on it) with a Normal Event, refuses an InPlace installation (revision
 * default, like Helm's) with what to change, and runs a RevisionBased one beside Helm's istiod,
 * leaving the default tag and validator with it and writing nothing of Helm's.
 */
@Tag(Tiers.PACKAGED)
class ForeignIstioIT {

  private static final Duration BOUND = Duration.ofMinutes(2);

  @Test
  void reportsAHelmInstallAndRunsARevisionBesideIt() throws Exception {
    try (AuditedCluster cluster = AuditedCluster.start("foreign-istio-it", 1)) {
      KubernetesClient admin = cluster.admin();
      AuditLog audit = cluster.audit();
      // The pod before Istio: with no istiod behind them, the release's injectors refuse pods.
      Namespaces.apply(admin, "shop", Map.of());
      // The API server admits a pod once kube-controller-manager has made the namespace's
      // default ServiceAccount, a moment after the namespace.
      await()
          .atMost(BOUND)
          .until(
              () -> admin.serviceAccounts().inNamespace("shop").withName("default").get() != null);
      admin.pods().inNamespace("shop").resource(injectedPod()).create();
      Path charts = UpstreamIstioModule.directory().resolve("manifests/charts");
      Map<String, String> kubeconfig =
          Map.of("KUBECONFIG", cluster.cluster().kubeconfig().toString());
      ProjectTools.check(
          kubeconfig,
          "helm",
          "install",
          "istio-base",
          charts.resolve("base").toString(),
          "-n",
          "istio-system",
          "--create-namespace");
      ProjectTools.check(
          kubeconfig,
          "helm",
          "install",
          "istiod",
          charts.resolve("istio-control/istio-discovery").toString(),
          "-n",
          "istio-system");
      Namespaces.apply(admin, "shop", Map.of("istio-injection", "enabled"));

      SortedMap<String, String> helmObjects = helmObjects(admin);
      assertThat(helmObjects).as("what Helm installed").isNotEmpty();

      long offset = audit.mark();
      try (PackagedOperator operator =
          cluster.startOperator(Map.of(), "operator.log").awaitStarted(BOUND)) {
        MeshInstallation mesh =
            admin
                .resource(
                    Installations.of(
                        "beside-helm",
                        // Helm's namespace: istiod's self-signed root (istio-ca-secret) is shared.
                        spec -> spec.setNamespace("istio-system")))
                .create();
        MeshAssert.of(admin, mesh)
            .within(BOUND)
            .awaitStatus(
                current -> {
                  assertThat(operator.isAlive()).as("operator; see %s", operator.log()).isTrue();
                  assertThat(MeshAssert.requireCondition(current, "Reconciled").getMessage())
                      .isEqualTo(
                          "ForeignIstio: istiod istio-system/istiod (revision default) of the Helm"
                              + " release istiod in istio-system serves this cluster; an InPlace"
                              + " installation is revision default and would inject the same"
                              + " namespaces. Set spec.updateStrategy.type to RevisionBased to"
                              + " run a revision of this installation beside it"
                              + " (docs/migration.md)");
                  assertThat(current.getStatus().getForeignIstio())
                      .singleElement()
                      .satisfies(ForeignIstioIT::isTheHelmInstall);
                });
        await()
            .atMost(BOUND)
            .untilAsserted(
                () ->
                    assertThat(MeshAssert.of(admin, mesh).events())
                        .anySatisfy(
                            e -> {
                              assertThat(e.getReason()).isEqualTo("ForeignIstioFound");
                              assertThat(e.getMessage())
                                  .startsWith("istiod istio-system/istiod (revision default")
                                  .contains(
                                      "was installed by Helm (istiod): 1 namespace and 1 pod use"
                                          + " it");
                            }));
        audit.awaitQuiet(3_000, BOUND.toMillis());
        assertThat(audit.writtenObjects(offset, resource -> resource.equals("events")))
            .as("what the operator wrote beside the Helm install, refused")
            .isEmpty();

        // Asked for a revision of its own, it runs beside Helm's istiod.
        MeshEdits.edit(
            admin,
            mesh.getMetadata().getName(),
            m -> {
              UpdateStrategy strategy = new UpdateStrategy();
              strategy.setType(UpdateStrategy.Type.REVISION_BASED);
              m.getSpec().setUpdateStrategy(strategy);
            });
        MeshInstallation beside =
            MeshAssert.of(admin, mesh)
                .within(BOUND)
                .awaitReady(
                    current -> {
                      String revision = current.getStatus().getActiveRevision();
                      assertThat(revision).startsWith("beside-helm-");
                      assertThat(MeshAssert.requireCondition(current, "Adopted"))
                          .satisfies(
                              adopted -> {
                                assertThat(adopted.getStatus()).isEqualTo("False");
                                assertThat(adopted.getReason()).isEqualTo("Beside");
                                assertThat(adopted.getMessage())
                                    .startsWith(
                                        "revision "
                                            + revision
                                            + " runs beside istiod istio-system/istiod (revision"
                                            + " default) of the Helm release istiod in"
                                            + " istio-system; the default revision tag and"
                                            + " istiod-default-validator stay with it");
                              });
                      assertThat(current.getStatus().getRevisions())
                          .singleElement()
                          .satisfies(r -> assertThat(r.getTags()).isEmpty());
                    });
        String revision = beside.getStatus().getActiveRevision();
        assertThat(
                admin
                    .apps()
                    .deployments()
                    .inNamespace("istio-system")
                    .withName("istiod-" + revision)
                    .get())
            .as("this installation's istiod")
            .isNotNull();
        assertThat(
                admin
                    .admissionRegistration()
                    .v1()
                    .mutatingWebhookConfigurations()
                    .withName("istio-sidecar-injector-" + revision)
                    .get())
            .as("its injector")
            .isNotNull();
        assertThat(
                admin
                    .admissionRegistration()
                    .v1()
                    .mutatingWebhookConfigurations()
                    .withName("istio-revision-tag-default")
                    .get())
            .as("a default tag beside Helm's default revision")
            .isNull();
        audit.awaitQuiet(3_000, BOUND.toMillis());
        assertThat(audit.writtenObjects(offset, resource -> resource.equals("events")))
            .as("what the operator wrote beside the Helm install")
            .isNotEmpty()
            .doesNotContainAnyElementsOf(helmObjects.keySet());
        assertThat(helmObjects(admin)).as("Helm's objects, read back").isEqualTo(helmObjects);
      }
    }
  }

  /**
   * Every object Helm's releases made, as "resource namespace/name" (the audit log's form) with
   * what says it changed: a Deployment's generation (its status moves on its own), otherwise the
   * resource version.
   */
  private static SortedMap<String, String> helmObjects(KubernetesClient admin) {
    SortedMap<String, String> objects = new TreeMap<>();
    var registration = admin.admissionRegistration().v1();
    var rbac = admin.rbac();
    var inIstio = "istio-system";
    add(
        objects,
        "mutatingwebhookconfigurations",
        registration.mutatingWebhookConfigurations().list().getItems());
    add(
        objects,
        "validatingwebhookconfigurations",
        registration.validatingWebhookConfigurations().list().getItems());
    add(objects, "clusterroles", rbac.clusterRoles().list().getItems());
    add(objects, "clusterrolebindings", rbac.clusterRoleBindings().list().getItems());
    add(objects, "roles", rbac.roles().inNamespace(inIstio).list().getItems());
    add(objects, "rolebindings", rbac.roleBindings().inNamespace(inIstio).list().getItems());
    add(objects, "serviceaccounts", admin.serviceAccounts().inNamespace(inIstio).list().getItems());
    add(objects, "configmaps", admin.configMaps().inNamespace(inIstio).list().getItems());
    add(objects, "services", admin.services().inNamespace(inIstio).list().getItems());
    add(objects, "deployments", admin.apps().deployments().inNamespace(inIstio).list().getItems());
    return objects;
  }

  private static void add(
      SortedMap<String, String> into, String resource, List<? extends HasMetadata> items) {
    for (HasMetadata item : items) {
      Map<String, String> annotations = item.getMetadata().getAnnotations();
      if (annotations == null || !annotations.containsKey("meta.helm.sh/release-name")) {
        continue;
      }
      String namespace = item.getMetadata().getNamespace();
      into.put(
          resource
              + " "
              + (namespace == null ? "" : namespace + "/")
              + item.getMetadata().getName(),
          item instanceof Deployment
              ? "generation " + item.getMetadata().getGeneration()
              : item.getMetadata().getResourceVersion());
    }
  }

  private static void isTheHelmInstall(ForeignIstioStatus found) {
    assertThat(found.getTool()).isEqualTo("Helm");
    assertThat(found.getRelease()).isEqualTo("istiod");
    assertThat(found.getRevision()).isEqualTo("default");
    assertThat(found.getIstiod()).isEqualTo("istio-system/istiod");
    assertThat(found.getNamespaces()).containsExactly("shop");
    assertThat(found.getWorkloads()).isEqualTo(1);
  }

  /** A pod as Istio's injector leaves it: labelled with the revision that injected it. */
  private static Pod injectedPod() {
    return new PodBuilder()
        .withNewMetadata()
        .withName("cart")
        .withLabels(Map.of("app", "cart", "istio.io/rev", "default"))
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("cart")
        .withImage("registry.example.com/cart:1")
        .endContainer()
        .endSpec()
        .build();
  }
}
