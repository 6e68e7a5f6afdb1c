package dev.meshoperator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.ForeignIstioStatus;
import dev.meshoperator.api.v1alpha1.MeshInstallationStatus;
import dev.meshoperator.testing.FakeSnapshot;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForeignIstioReportTest {

  private static final Deployment HELM_DEFAULT =
      istiod(
          "istio-system",
          "istiod",
          Map.of("app", "istiod", "app.kubernetes.io/managed-by", "Helm"),
          Map.of(
              "meta.helm.sh/release-name",
              "istiod",
              "meta.helm.sh/release-namespace",
              "istio-system"),
          "docker.io/istio/pilot:1.30.4-distroless");
  private static final Deployment ISTIOCTL_CANARY =
      istiod(
          "istio-system",
          "istiod-canary",
          Map.of(
              "app", "istiod",
              "istio.io/rev", "canary",
              "app.kubernetes.io/managed-by", "Helm",
              "operator.istio.io/managed", "Reconcile",
              "install.operator.istio.io/owning-resource", "installed-state",
              "operator.istio.io/component", "Pilot"),
          Map.of(),
          "registry.example.com/pilot@sha256:0123");

  @Test
  void reportsEachForeignIstiodWithTheNamespacesAndPodsOnIt() {
    List<Namespace> namespaces =
        List.of(
            namespace("shop", Map.of("istio-injection", "enabled")),
            namespace("billing", Map.of("istio.io/rev", "canary")),
            namespace("legacy", Map.of("istio.io/rev", "default")),
            namespace("both", Map.of("istio-injection", "enabled", "istio.io/rev", "canary")),
            namespace("plain", Map.of()));
    List<Pod> pods =
        List.of(
            pod("shop", Map.of("istio.io/rev", "default")),
            pod("shop", Map.of("istio.io/rev", "default")),
            pod("billing", Map.of("istio.io/rev", "canary")),
            pod("istio-system", Map.of("istio.io/rev", "canary", "app", "istiod")));

    List<ForeignIstioStatus> report =
        ForeignIstioReport.of(cluster(List.of(ISTIOCTL_CANARY, HELM_DEFAULT), namespaces, pods));

    assertThat(report).hasSize(2);
    ForeignIstioStatus helm = report.get(0);
    assertThat(helm.getIstiod()).isEqualTo("istio-system/istiod");
    assertThat(helm.getTool()).isEqualTo("Helm");
    assertThat(helm.getRelease()).isEqualTo("istiod");
    assertThat(helm.getVersion()).isEqualTo("1.30.4");
    assertThat(helm.getRevision()).isEqualTo("default");
    assertThat(helm.getNamespaces())
        .as("istio-injection wins over istio.io/rev, as in Istio's webhooks")
        .containsExactly("both", "legacy", "shop");
    assertThat(helm.getWorkloads()).isEqualTo(2);

    ForeignIstioStatus istioctl = report.get(1);
    assertThat(istioctl.getIstiod()).isEqualTo("istio-system/istiod-canary");
    assertThat(istioctl.getTool()).isEqualTo("istioctl");
    assertThat(istioctl.getRelease()).isEqualTo("installed-state");
    assertThat(istioctl.getVersion()).as("a digest names no release").isNull();
    assertThat(istioctl.getNamespaces())
        .as("a namespace whose istio-injection label decides is not on the revision it names")
        .containsExactly("billing");
    assertThat(istioctl.getWorkloads()).as("istiod's own pod is not a workload").isEqualTo(1);

    assertThat(ForeignIstioReport.describe(helm))
        .isEqualTo(
            "istiod istio-system/istiod (revision default, Istio 1.30.4) was installed by Helm"
                + " (istiod): 3 namespaces and 2 pods use it");
  }

  @Test
  void aFoundInstallationIsAnEventOnceNotAtEveryCount() {
    MeshInstallationStatus before = new MeshInstallationStatus();
    MeshInstallationStatus after = new MeshInstallationStatus();
    after.setForeignIstio(
        ForeignIstioReport.of(cluster(List.of(HELM_DEFAULT), List.of(), List.of())));

    assertThat(StatusEvents.between(before, after))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.reason()).isEqualTo("ForeignIstioFound");
              assertThat(e.warning()).isFalse();
              assertThat(e.message())
                  .isEqualTo(
                      "istiod istio-system/istiod (revision default, Istio 1.30.4) was installed"
                          + " by Helm (istiod): 0 namespaces and 0 pods use it; the operator"
                          + " leaves it alone (see docs/migration.md)");
            });
    MeshInstallationStatus later = new MeshInstallationStatus();
    later.setForeignIstio(
        ForeignIstioReport.of(
            cluster(
                List.of(HELM_DEFAULT),
                List.of(),
                List.of(pod("shop", Map.of("istio.io/rev", "default"))))));
    assertThat(StatusEvents.between(after, later)).isEmpty();
  }

  @Test
  void noForeignIstiodIsNoReport() {
    assertThat(ForeignIstioReport.of(new FakeSnapshot())).isNull();
  }

  private static FakeSnapshot cluster(
      List<Deployment> istiods, List<Namespace> namespaces, List<Pod> pods) {
    FakeSnapshot cluster = new FakeSnapshot();
    istiods.forEach(cluster::foreignIstiod);
    namespaces.forEach(cluster::namespace);
    pods.forEach(cluster::injectedPod);
    return cluster;
  }

  private static Deployment istiod(
      String namespace,
      String name,
      Map<String, String> labels,
      Map<String, String> annotations,
      String image) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withLabels(labels)
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withNewTemplate()
        .withNewSpec()
        .addNewContainer()
        .withName("discovery")
        .withImage(image)
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static Namespace namespace(String name, Map<String, String> labels) {
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .build();
  }

  private static Pod pod(String namespace, Map<String, String> labels) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName("p-" + labels.hashCode())
        .withLabels(labels)
        .endMetadata()
        .build();
  }
}
