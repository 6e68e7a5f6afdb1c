package dev.meshoperator.istio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshoperator.api.v1alpha1.AdoptSpec;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.api.v1alpha1.UpdateStrategy;
import dev.meshoperator.api.v1alpha1.WorkloadRestartSpec;
import dev.meshoperator.testing.MeshAssert;
import dev.meshoperator.testing.MeshEdits;
import dev.meshoperator.testing.ProjectTools;
import dev.meshoperator.testing.Tiers;
import dev.meshoperator.testing.UpstreamIstioModule;
import dev.meshoperator.testing.istio.InstalledMesh;
import dev.meshoperator.testing.istio.IstioCluster;
import dev.meshoperator.testing.istio.Istioctl;
import dev.meshoperator.testing.istio.IstiodProcess;
import dev.meshoperator.testing.istio.MeshWorkloads;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A running Istio installed the way its users do, with Istio's own istiod serving it, moved onto a
 * MeshInstallation without a refused pod: by Helm (upstream's base and istiod charts of the pinned
 * istio.io/istio module, with the Helm the tests build), and by {@code istioctl install} of the
 * same module. The installation runs its revision beside the other istiod, moves the namespace and
 * restarts its workloads onto it, hands over the default tag and validator and names what is left
 * to uninstall; after those commands run and the old istiod stops, the namespace gets its
 * istio-injection label back and new pods are injected by the installation's istiod. Pods are read
 * back as the API server admitted them. Each install gets a cluster of its own.
 */
@Tag(Tiers.ISTIO)
class AdoptionIT {

  private static final Duration BOUND = Duration.ofMinutes(3);
  private static final String CONTROL_PLANE = MeshWorkloads.CONTROL_PLANE;
  private static final String REVISION = "mesh-1-30-4";
  private static final String SHOP = "shop";

  /**
   * Another tool's install of Istio, as a test drives it.
   *
   * @param install installs Istio into the cluster, default revision
   * @param leftOver the uninstall commands the hand-over must name, as the condition joins them
   * @param uninstall runs them
   */
  private record ForeignInstall(
      Consumer<IstioCluster> install, String leftOver, Consumer<IstioCluster> uninstall) {}

  @Test
  void movesAHelmInstallOntoTheInstallationWithoutRefusingAPod() throws Exception {
    adopts(
        "istio-adopt-helm",
        new ForeignInstall(
            AdoptionIT::installByHelm,
            "helm uninstall istiod -n istio-system; helm uninstall istio-base -n istio-system",
            istio -> {
              helm(istio, "uninstall", "istiod", "-n", CONTROL_PLANE);
              helm(istio, "uninstall", "istio-base", "-n", CONTROL_PLANE);
            }));
  }

  @Test
  void movesAnIstioctlInstallOntoTheInstallationWithoutRefusingAPod() throws Exception {
    adopts(
        "istio-adopt-istioctl",
        new ForeignInstall(
            // istiod alone: a gateway of the same name would be refused (ObjectOwnedByOthers).
            istio -> istioctl(istio, "install", "-y", "--set", "profile=minimal"),
            "istioctl uninstall --revision default -y",
            istio -> istioctl(istio, "uninstall", "--revision", "default", "-y")));
  }

  /** Upstream's base and istiod charts of the pinned module, as Helm users install them. */
  private static void installByHelm(IstioCluster istio) {
    Path charts;
    try {
      charts = UpstreamIstioModule.directory().resolve("manifests/charts");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    helm(
        istio,
        "install",
        "istio-base",
        charts.resolve("base").toString(),
        "-n",
        CONTROL_PLANE,
        "--create-namespace");
    helm(
        istio,
        "install",
        "istiod",
        charts.resolve("istio-control/istio-discovery").toString(),
        "-n",
        CONTROL_PLANE);
  }

  private static void helm(IstioCluster istio, String... args) {
    ProjectTools.check(Map.of("KUBECONFIG", istio.cluster().kubeconfig().toString()), "helm", args);
  }

  private static void istioctl(IstioCluster istio, String... args) {
    Istioctl.Result result = Istioctl.run(istio, args);
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void aMoveRolledBackReturnsTheNamespaceToTheHelmInstall() throws Exception {
    besideTheOtherInstall(
        "istio-adopt-rollback",
        AdoptionIT::installByHelm,
        (istio, admin, mesh, old) -> {
          MeshEdits.edit(admin, mesh.name(), m -> m.getSpec().setAdopt(adopt(false)));
          MeshAssert.of(admin, mesh.name()).within(BOUND).awaitReason("Adopted", "Moved");
          awaitCartPods(admin, REVISION);

          MeshEdits.edit(admin, mesh.name(), m -> m.getSpec().setAdopt(null));
          MeshAssert.of(admin, mesh.name()).within(BOUND).awaitReason("Adopted", "Beside");
          await("shop's labels put back")
              .atMost(BOUND)
              .untilAsserted(
                  () -> {
                    Namespace shop = admin.namespaces().withName(SHOP).get();
                    assertThat(shop.getMetadata().getLabels())
                        .containsEntry("istio-injection", "enabled")
                        .doesNotContainKey("istio.io/rev");
                    assertThat(shop.getMetadata().getAnnotations())
                        .doesNotContainKey("mesh.operator.dev/moved-from");
                  });
          // Its workloads return as they restart, here as kubectl rollout restart does it: a
          // patch without a resource version, so the controller's status writes cannot refuse it.
          admin
              .apps()
              .deployments()
              .inNamespace(SHOP)
              .withName("cart")
              .patch(
                  PatchContext.of(PatchType.STRATEGIC_MERGE),
                  "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":"
                      + "{\"kubectl.kubernetes.io/restartedAt\":\""
                      + Instant.now()
                      + "\"}}}}}");
          awaitCartPods(admin, "default");
          MeshAssert.of(admin, mesh.name())
              .within(BOUND)
              .awaitStatus(current -> assertThat(current.getStatus().getAdoption()).isNull());
        });
  }

  private static AdoptSpec adopt(boolean handOver) {
    AdoptSpec adopt = new AdoptSpec();
    adopt.setRevision("default");
    adopt.setHandOver(handOver);
    return adopt;
  }

  /** What a test does once the installation's revision runs beside the other install's. */
  @FunctionalInterface
  private interface Beside {
    void run(IstioCluster istio, KubernetesClient admin, InstalledMesh mesh, IstiodProcess old)
        throws Exception;
  }

  private static void adopts(String clusterName, ForeignInstall foreign) throws Exception {
    besideTheOtherInstall(
        clusterName,
        foreign.install(),
        (istio, admin, mesh, old) -> {
          String root = awaitRootCert(admin, SHOP);
          // Asked to adopt, it moves shop while pods keep being created there.
          List<Pod> admitted = new CopyOnWriteArrayList<>();
          List<Throwable> refused = new CopyOnWriteArrayList<>();
          AtomicBoolean moving = new AtomicBoolean(true);
          Thread creator = podsMeanwhile(admin, admitted, refused, moving);
          MeshEdits.edit(admin, mesh.name(), m -> m.getSpec().setAdopt(adopt(true)));
          MeshInstallation handedOver =
              MeshAssert.of(admin, mesh.name())
                  .within(BOUND)
                  .awaitStatus(
                      current -> {
                        var adopted = MeshAssert.requireCondition(current, "Adopted");
                        assertThat(adopted.getReason()).isEqualTo("HandedOver");
                        assertThat(adopted.getStatus()).isEqualTo("True");
                      });
          moving.set(false);
          creator.join();
          assertThat(refused).as("pods refused during the move").isEmpty();
          assertThat(admitted).as("pods created during the move").isNotEmpty();
          assertThat(admitted)
              .allSatisfy(
                  pod ->
                      assertThat(pod.getMetadata().getAnnotations())
                          .containsKey("sidecar.istio.io/status"));
          assertThat(MeshAssert.requireCondition(handedOver, "Adopted").getMessage())
              .contains("What is left of the other install: " + foreign.leftOver() + ".");
          assertThat(handedOver.getStatus().getAdoption().getNamespaces())
              .singleElement()
              .satisfies(
                  ns -> {
                    assertThat(ns.getName()).isEqualTo(SHOP);
                    assertThat(ns.getFrom()).isEqualTo("istio-injection=enabled");
                    assertThat(ns.getState()).isEqualTo("Moved");
                  });
          Namespace shop = admin.namespaces().withName(SHOP).get();
          assertThat(shop.getMetadata().getLabels())
              .containsEntry("istio.io/rev", REVISION)
              .doesNotContainKey("istio-injection");
          awaitCartPods(admin, REVISION);
          Istioctl.Result tags = Istioctl.run(istio, "tag", "list");
          assertThat(tags.output().lines())
              .as(tags.output())
              .anySatisfy(l -> assertThat(l).startsWith("default").contains(REVISION));

          // What the condition says is left, removed as it says; then the old istiod stops.
          foreign.uninstall().accept(istio);
          old.close();
          await("shop's own label back, and the default validator this installation's")
              .atMost(BOUND)
              .untilAsserted(
                  () -> {
                    assertThat(admin.namespaces().withName(SHOP).get().getMetadata().getLabels())
                        .containsEntry("istio-injection", "enabled")
                        .doesNotContainKey("istio.io/rev");
                    assertThat(
                            admin
                                .admissionRegistration()
                                .v1()
                                .validatingWebhookConfigurations()
                                .withName("istiod-default-validator")
                                .get())
                        .isNotNull()
                        .satisfies(
                            v ->
                                assertThat(v.getMetadata().getLabels())
                                    .containsEntry("istio.io/rev", REVISION));
                  });
          MeshAssert.of(admin, mesh.name())
              .within(BOUND)
              .awaitStatus(
                  current -> assertThat(MeshAssert.condition(current, "Adopted")).isEmpty());
          Pod after = MeshWorkloads.pod(admin, SHOP);
          assertThat(after.getMetadata().getAnnotations()).containsEntry("istio.io/rev", REVISION);
          // Trust carried over: the installation's istiod, alone now, signs with the same root.
          MeshWorkloads.namespace(admin, "after-move", Map.of());
          assertThat(awaitRootCert(admin, "after-move"))
              .as("the root the installation's istiod publishes")
              .isEqualTo(root);
          Istioctl.Result analysis = Istioctl.run(istio, "analyze", "--all-namespaces");
          assertThat(analysis.exitCode()).as(analysis.output()).isZero();
          assertThat(analysis.output()).doesNotContain("Error [");
        });
  }

  /**
   * The other install running with its own istiod, namespace shop and its Deployment cart on it,
   * and the installation's revision beside it, its istiod serving too.
   */
  private static void besideTheOtherInstall(
      String clusterName, Consumer<IstioCluster> install, Beside test) throws Exception {
    try (IstioCluster istio = IstioCluster.dedicated(clusterName);
        KubernetesClient admin = istio.newClient()) {
      install.accept(istio);
      Deployment foreignIstiod =
          await("the other install's istiod Deployment")
              .atMost(BOUND)
              .until(
                  () ->
                      admin
                          .apps()
                          .deployments()
                          .inNamespace(CONTROL_PLANE)
                          .withName("istiod")
                          .get(),
                  d -> d != null);
      try (IstiodProcess old =
          IstiodProcess.start(
              istio.pilotDiscovery(),
              admin,
              istio.cluster().clientConfig(),
              foreignIstiod,
              istio.network(),
              istio.workDir("foreign-istiod"))) {
        MeshWorkloads.namespace(admin, SHOP, Map.of("istio-injection", "enabled"));
        admin.apps().deployments().inNamespace(SHOP).resource(cart()).create();
        awaitCartPods(admin, "default");

        // The installation beside it: its revision runs, and the other install keeps the default.
        try (InstalledMesh mesh = InstalledMesh.install(istio, installation())) {
          mesh.startIstiod(CONTROL_PLANE, "istiod-" + REVISION);
          MeshAssert.of(admin, mesh.name()).within(BOUND).awaitReason("Adopted", "Beside");

          test.run(istio, admin, mesh, old);
        }
      }
    }
  }

  private static MeshInstallation installation() {
    MeshInstallation mesh = MeshWorkloads.installation("mesh", "1.30.4", Profile.DEFAULT);
    UpdateStrategy strategy = new UpdateStrategy();
    strategy.setType(UpdateStrategy.Type.REVISION_BASED);
    WorkloadRestartSpec restart = new WorkloadRestartSpec();
    restart.setEnabled(true);
    strategy.setWorkloadRestart(restart);
    mesh.getSpec().setUpdateStrategy(strategy);
    return mesh;
  }

  private static Deployment cart() {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("cart")
        .endMetadata()
        .withNewSpec()
        .withReplicas(2)
        .withNewSelector()
        .addToMatchLabels("app", "cart")
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", "cart")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("cart")
        .withImage("registry.invalid/cart:1")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /** The root certificate istiod publishes to {@code namespace} (istio-ca-root-cert). */
  private static String awaitRootCert(KubernetesClient admin, String namespace) {
    return await("istio-ca-root-cert in " + namespace)
        .atMost(BOUND)
        .until(
            () -> {
              var published =
                  admin.configMaps().inNamespace(namespace).withName("istio-ca-root-cert").get();
              return published == null ? null : published.getData().get("root-cert.pem");
            },
            pem -> pem != null && !pem.isBlank());
  }

  /** Waits until both pods of cart were injected by {@code revision}. */
  private static void awaitCartPods(KubernetesClient admin, String revision) {
    await("cart's pods on revision " + revision)
        .atMost(BOUND)
        .untilAsserted(
            () -> {
              List<Pod> pods =
                  admin.pods().inNamespace(SHOP).withLabel("app", "cart").list().getItems().stream()
                      .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                      .toList();
              assertThat(pods).hasSize(2);
              assertThat(pods)
                  .allSatisfy(
                      p -> {
                        assertThat(p.getMetadata().getAnnotations())
                            .as("the injector's record")
                            .containsEntry("istio.io/rev", revision)
                            .containsKey("sidecar.istio.io/status");
                      });
            });
  }

  /** Creates a pod in shop every half second while {@code moving}, recording how it went. */
  private static Thread podsMeanwhile(
      KubernetesClient admin, List<Pod> admitted, List<Throwable> refused, AtomicBoolean moving) {
    Thread thread =
        new Thread(
            () -> {
              while (moving.get()) {
                try {
                  Pod pod = MeshWorkloads.pod(admin, SHOP);
                  admitted.add(pod);
                  // Short-lived, as a job's: a pod left on the old revision would hold the move.
                  admin.pods().resource(pod).delete();
                  Thread.sleep(500);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                } catch (RuntimeException e) {
                  refused.add(e);
                }
              }
            },
            "pods-during-move");
    thread.start();
    return thread;
  }
}
