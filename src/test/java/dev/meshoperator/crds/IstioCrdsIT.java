package dev.meshoperator.crds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshoperator.api.v1alpha1.BaseSpec;
import dev.meshoperator.api.v1alpha1.IstioCrdsStatus;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.testing.AuditedCluster;
import dev.meshoperator.testing.CrdRemoval;
import dev.meshoperator.testing.Installations;
import dev.meshoperator.testing.MeshAssert;
import dev.meshoperator.testing.MeshEdits;
import dev.meshoperator.testing.PackagedOperator;
import dev.meshoperator.testing.Tiers;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Istio's CRDs as upstream publishes them, proven on the real API server with the packaged
 * operator: the API server refuses what upstream's schemas and CEL rules refuse, kubectl explains
 * and prints what upstream wrote, an upgrade moves the schemas forward and a rollback keeps them,
 * and another tool's CRDs are left alone until the installation takes them over. A mesh config
 * istiod would throw away is refused with its path, leaving the running one as it was.
 */
@Tag(Tiers.PACKAGED)
class IstioCrdsIT {

  private static final Duration BOUND = Duration.ofMinutes(3);
  private static final String NAME = "crds";
  private static final String VS = "virtualservices.networking.istio.io";
  private static final String WASM = "wasmplugins.extensions.istio.io";
  private static final String VERSION_LABEL = "app.kubernetes.io/version";

  @Test
  void upstreamsCrdsAreServedUpgradedNeverDowngradedAndOthersLeftAlone() throws Exception {
    try (AuditedCluster cluster = AuditedCluster.start("istio-crds-it", 1)) {
      KubernetesClient admin = cluster.admin();
      // The CRDs come from the installation here, not from the operator's start.
      try (PackagedOperator operator =
          cluster
              .startOperator(Map.of("MESH_ISTIO_CRDS_ON_START", "false"), "operator.log")
              .awaitStarted(BOUND)) {
        admin
            .resource(
                Installations.of(
                    NAME,
                    spec -> {
                      spec.setVersion("1.30.8");
                      spec.setProfile(Profile.MINIMAL);
                    }))
            .create();
        MeshInstallation ready = MeshAssert.of(admin, NAME).within(BOUND).awaitReady();
        assertThat(ready.getStatus().getIstioCrds().getRelease()).isEqualTo("1.30.8");
        assertThat(ready.getStatus().getIstioCrds().getManagedBy()).isEqualTo("mesh-operator");
        assertThat(crd(admin, VS).getMetadata().getLabels()).containsEntry(VERSION_LABEL, "1.30.8");

        Kubectl kubectl = new Kubectl(cluster.cluster().kubectl(), cluster.cluster().kubeconfig());
        assertThat(kubectl.run("explain", "virtualservices.spec.http").output())
            .contains("An ordered list of route rules for HTTP traffic.");
        assertThat(kubectl.run("get", "authorizationpolicies", "-A").exitCode()).isZero();
        kubectl.apply(
            """
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: deny-all, namespace: default}
            spec: {action: DENY}
            """);
        assertThat(kubectl.run("get", "authorizationpolicies", "-n", "default").output())
            .contains("ACTION")
            .contains("DENY");
        Kubectl.Result unknownField =
            kubectl.create(
                """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: typo, namespace: default}
                spec: {hosts: [a], http: [{route: [{destination: {host: a}}], tiemout: 5s}]}
                """);
        assertThat(unknownField.exitCode()).isNotZero();
        assertThat(unknownField.output()).contains("unknown field \"spec.http[0].tiemout\"");
        Kubectl.Result celRule =
            kubectl.create(
                """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: short, namespace: default}
                spec: {hosts: [a], http: [{route: [{destination: {host: a}}], timeout: 0s}]}
                """);
        assertThat(celRule.exitCode()).isNotZero();
        assertThat(celRule.output()).contains("must be a valid duration greater than 1ms");

        // An upgrade moves the schemas forward; a rollback keeps them.
        MeshEdits.edit(admin, NAME, m -> m.getSpec().setVersion("1.31.4"));
        awaitVersion(admin, "1.31.4");
        assertThat(crd(admin, VS).getMetadata().getLabels()).containsEntry(VERSION_LABEL, "1.31.4");
        assertThat(crd(admin, "trafficextensions.extensions.istio.io")).isNotNull();
        MeshEdits.edit(admin, NAME, m -> m.getSpec().setVersion("1.30.8"));
        MeshInstallation rolledBack = awaitVersion(admin, "1.30.8");
        assertThat(rolledBack.getStatus().getIstioCrds().getRelease()).isEqualTo("1.31.4");
        assertThat(rolledBack.getStatus().getIstioCrds().getMessage()).contains("never downgraded");
        assertThat(crd(admin, VS).getMetadata().getLabels()).containsEntry(VERSION_LABEL, "1.31.4");

        // A mesh config istiod would throw away: refused by path, the running one untouched.
        String mesh = meshConfigMap(admin);
        MeshEdits.edit(
            admin,
            NAME,
            m -> {
              ObjectNode meshConfig = JsonNodeFactory.instance.objectNode();
              meshConfig.putObject("outboundTrafficPolicy").put("mode", "OPEN");
              m.getSpec().setMeshConfig(meshConfig);
            });
        MeshAssert.of(admin, NAME)
            .within(BOUND)
            .awaitStatus(
                m ->
                    assertThat(MeshAssert.requireCondition(m, "Reconciled").getMessage())
                        .contains("spec.meshConfig.outboundTrafficPolicy.mode")
                        .contains("is not one of REGISTRY_ONLY, ALLOW_ANY"));
        assertThat(MeshAssert.of(admin, NAME).awaitWarningEvent("InvalidSpec").getMessage())
            .contains("spec.meshConfig.outboundTrafficPolicy.mode");
        assertThat(meshConfigMap(admin)).isEqualTo(mesh);
        MeshEdits.edit(admin, NAME, m -> m.getSpec().setMeshConfig(null));
        MeshAssert.of(admin, NAME).within(BOUND).awaitReason("Reconciled", "Applied");

        // A CRD Helm installed is left as it is, and reported, until the installation takes over.
        // Paused meanwhile, so that the installation does not put back the CRD Helm is to own.
        MeshEdits.edit(admin, NAME, m -> m.getSpec().setPaused(true));
        MeshAssert.of(admin, NAME).within(BOUND).awaitReason("Reconciled", "Paused");
        CustomResourceDefinition helms = crd(admin, WASM);
        CrdRemoval.deleteAndAwaitGone(admin, WASM);
        helms.getMetadata().setResourceVersion(null);
        helms.getMetadata().setUid(null);
        helms.getMetadata().setManagedFields(null);
        helms.getMetadata().setCreationTimestamp(null);
        helms.setStatus(null);
        helms.getMetadata().getLabels().clear();
        helms.getMetadata().getLabels().putAll(Map.of("app.kubernetes.io/managed-by", "Helm"));
        helms
            .getMetadata()
            .getAnnotations()
            .putAll(
                Map.of(
                    "meta.helm.sh/release-name",
                    "istio-base",
                    "meta.helm.sh/release-namespace",
                    "istio-system"));
        admin.resource(helms).create();
        MeshEdits.edit(admin, NAME, m -> m.getSpec().setPaused(false));
        MeshInstallation reported =
            MeshAssert.of(admin, NAME)
                .within(BOUND)
                .awaitStatus(
                    m ->
                        assertThat(m.getStatus().getIstioCrds())
                            // The paused status before the unpause is read first: no istioCRDs.
                            .extracting(IstioCrdsStatus::getManagedBy)
                            .isEqualTo("Helm release istio-system/istio-base"));
        assertThat(reported.getStatus().getIstioCrds().getMessage()).contains("takeOverCrds");
        assertThat(crd(admin, WASM).getMetadata().getLabels())
            .doesNotContainKey("mesh.operator.dev/component");

        MeshEdits.edit(
            admin,
            NAME,
            m -> {
              BaseSpec base = new BaseSpec();
              base.setTakeOverCrds(true);
              m.getSpec().getComponents().setBase(base);
            });
        await()
            .atMost(BOUND)
            .untilAsserted(
                () ->
                    assertThat(crd(admin, WASM).getMetadata().getLabels())
                        .containsEntry("app.kubernetes.io/managed-by", "mesh-operator"));
        MeshAssert.of(admin, NAME)
            .within(BOUND)
            .awaitStatus(
                m ->
                    assertThat(m.getStatus().getIstioCrds())
                        .extracting(IstioCrdsStatus::getManagedBy)
                        .isEqualTo("mesh-operator"));
      }
    }
  }

  private static MeshInstallation awaitVersion(KubernetesClient admin, String version) {
    return MeshAssert.of(admin, NAME)
        .within(BOUND)
        .awaitReady(m -> assertThat(m.getStatus().getVersion()).isEqualTo(version));
  }

  private static CustomResourceDefinition crd(KubernetesClient admin, String name) {
    return admin.apiextensions().v1().customResourceDefinitions().withName(name).get();
  }

  private static String meshConfigMap(KubernetesClient admin) {
    return admin.configMaps().inNamespace(NAME).withName("istio").get().getData().get("mesh");
  }

  /** The control plane's kubectl, as a user runs it (its default: strict field validation). */
  private record Kubectl(Path binary, Path kubeconfig) {

    record Result(int exitCode, String output) {}

    Result run(String... args) throws IOException, InterruptedException {
      List<String> command = new ArrayList<>(List.of(binary.toString()));
      command.addAll(List.of(args));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().put("KUBECONFIG", kubeconfig.toString());
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(process.waitFor(), output);
    }

    Result create(String yaml) throws IOException, InterruptedException {
      Path file = Files.createTempFile("istio-object", ".yaml");
      Files.writeString(file, yaml);
      return run("create", "-f", file.toString());
    }

    void apply(String yaml) throws IOException, InterruptedException {
      Result result = create(yaml);
      assertThat(result.exitCode()).as(result.output()).isZero();
    }
  }
}
