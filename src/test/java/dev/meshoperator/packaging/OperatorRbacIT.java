package dev.meshoperator.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.localcluster.CrdInstaller;
import dev.meshoperator.status.Conditions;
import dev.meshoperator.testing.Installations;
import dev.meshoperator.testing.LocalClusterExtension;
import dev.meshoperator.testing.MeshAssert;
import dev.meshoperator.testing.PackagedOperator;
import dev.meshoperator.testing.SharedLocalCluster;
import dev.meshoperator.testing.TestNamespace;
import dev.meshoperator.testing.Tiers;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged operator, running as its own ServiceAccount with exactly the RBAC the build
 * generates (the same rules the Helm chart and the OLM bundle carry), installs istiod. RBAC is
 * enforced by the real apiserver, so a missing rule (or escalate/bind) fails here.
 */
@ExtendWith(LocalClusterExtension.class)
@Tag(Tiers.CLUSTER)
class OperatorRbacIT {

  static final String SHARD_LABEL = "mesh.operator.dev/operator-under-test";

  @Test
  void packagedOperatorInstallsIstiodWithOnlyItsGeneratedPermissions(
      KubernetesClient admin, TestNamespace ns) throws Exception {
    CrdInstaller.install(
        admin, Path.of("src/main/resources/crds/meshinstallations.mesh.operator.dev-v1.yml"));
    String serviceAccount = PackagedOperator.installGeneratedRbac(admin, ns.name());
    String token = PackagedOperator.token(admin, ns.name(), serviceAccount);
    Config cluster = SharedLocalCluster.get().clientConfig();
    Path log = Path.of("target/operator-rbac-it.log");
    PackagedOperator operator =
        PackagedOperator.start(
            cluster, ns.name(), token, Map.of(), PackagedOperator.shardedTo(SHARD_LABEL), log);
    MeshInstallation mesh =
        Installations.labelled("rbac-" + ns.name(), SHARD_LABEL, spec -> spec.setProfile(null));
    try {
      MeshInstallation created = admin.resource(mesh).create();
      MeshAssert.of(admin, created)
          .within(Duration.ofSeconds(120))
          .awaitStatus(
              current -> {
                assertThat(operator.isAlive()).as("operator process; see %s", log).isTrue();
                assertThat(MeshAssert.requireCondition(current, Conditions.READY).getStatus())
                    .isEqualTo("True");
              });
      assertThat(
              admin
                  .apps()
                  .deployments()
                  .inNamespace(mesh.getSpec().getNamespace())
                  .withName("istiod")
                  .get())
          .isNotNull();
      assertThat(Files.readString(log)).doesNotContain("Forbidden");
    } finally {
      admin.resource(mesh).delete();
      await().atMost(Duration.ofSeconds(60)).until(() -> admin.resource(mesh).get() == null);
      operator.close();
    }
  }

  /**
   * The operator may escalate and bind, so the admission policy shipped with it (installed here as
   * every install method installs it) holds its RBAC writes to what installing Istio needs.
   */
  @Test
  void theGuardPolicyKeepsTheOperatorsRbacWritesToIstiosRoles(
      KubernetesClient admin, TestNamespace ns) throws Exception {
    String serviceAccount = PackagedOperator.installGeneratedRbac(admin, ns.name());
    String token = PackagedOperator.token(admin, ns.name(), serviceAccount);
    Config config = SharedLocalCluster.get().clientConfig();
    config.setClientCertFile(null);
    config.setClientCertData(null);
    config.setClientKeyFile(null);
    config.setClientKeyData(null);
    config.setOauthToken(token);
    Map<String, String> managed = Map.of("app.kubernetes.io/managed-by", "mesh-operator");
    try (KubernetesClient operator = new KubernetesClientBuilder().withConfig(config).build()) {
      ClusterRoleBinding toClusterAdmin =
          new ClusterRoleBindingBuilder()
              .withNewMetadata()
              .withName("escalate-" + ns.name())
              .withLabels(managed)
              .endMetadata()
              .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "cluster-admin")
              .addNewSubject("", "ServiceAccount", serviceAccount, ns.name())
              .build();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThatThrownBy(() -> operator.resource(toClusterAdmin).create())
                      .isInstanceOf(KubernetesClientException.class)
                      .hasMessageContaining("binds only ClusterRoles under Istio's names"));

      RoleBinding namespaceAdmin =
          new RoleBindingBuilder()
              .withNewMetadata()
              .withName("admin-by-operator")
              .withNamespace(ns.name())
              .withLabels(managed)
              .endMetadata()
              .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "admin")
              .addNewSubject("", "ServiceAccount", serviceAccount, ns.name())
              .build();
      assertThatThrownBy(() -> operator.resource(namespaceAdmin).create())
          .hasMessageContaining("never a ClusterRole");

      assertThatThrownBy(
              () ->
                  operator
                      .rbac()
                      .clusterRoles()
                      .withName("admin")
                      .edit(
                          role -> {
                            role.getMetadata().setLabels(managed);
                            return role;
                          }))
          .hasMessageContaining("only roles and bindings it made");

      ClusterRole unlabelled =
          new ClusterRoleBuilder()
              .withNewMetadata()
              .withName("istio-guard-" + ns.name())
              .endMetadata()
              .addNewRule()
              .withApiGroups("")
              .withResources("configmaps")
              .withVerbs("get")
              .endRule()
              .build();
      assertThatThrownBy(() -> operator.resource(unlabelled).create())
          .hasMessageContaining("labelled app.kubernetes.io/managed-by=mesh-operator");

      // What installing Istio needs still goes through: a labelled role under Istio's names.
      unlabelled.getMetadata().setLabels(managed);
      operator.resource(unlabelled).create();
      assertThat(admin.rbac().clusterRoles().withName(unlabelled.getMetadata().getName()).get())
          .isNotNull();
      operator.resource(unlabelled).delete();
      assertThat(admin.rbac().clusterRoleBindings().withName("escalate-" + ns.name()).get())
          .isNull();
    }
  }
}
