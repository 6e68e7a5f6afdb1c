package dev.meshoperator.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.localcluster.CrdInstaller;
import dev.meshoperator.localcluster.LocalCluster;
import dev.meshoperator.reconcile.LeaderElectionProducer;
import dev.meshoperator.status.Conditions;
import dev.meshoperator.testing.DeployedOperator;
import dev.meshoperator.testing.Installations;
import dev.meshoperator.testing.MeshAssert;
import dev.meshoperator.testing.Namespaces;
import dev.meshoperator.testing.OwnCluster;
import dev.meshoperator.testing.PackagedOperator;
import dev.meshoperator.testing.Tiers;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The OLM bundle installed the way OLM installs it (its CRD, its clusterPermissions and permissions
 * bound to its ServiceAccount, its Deployment spec, in the namespace of an AllNamespaces operator),
 * then upgraded to the next bundle version the way OLM upgrades (the new CSV's permissions and
 * Deployment replace the old), with the catalog of both releases valid for opm. OlmIT runs OLM
 * itself on the same bundle.
 */
@Tag(Tiers.PACKAGED)
class OlmBundleIT {

  private static final String NAMESPACE = "operators";
  private static final Path CSV =
      Path.of("olm-bundle/manifests/mesh-operator.clusterserviceversion.yaml");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Duration BOUND = Duration.ofSeconds(120);

  private static LocalCluster cluster;
  private static KubernetesClient admin;

  @BeforeAll
  static void startCluster() {
    cluster = OwnCluster.start("olm-bundle-it");
    admin = cluster.newClient();
  }

  @AfterAll
  static void stopCluster() {
    admin.close();
    cluster.close();
  }

  @Test
  void installsFromTheBundleAndUpgradesToTheNextVersion() throws Exception {
    CrdInstaller.install(
        admin, Path.of("olm-bundle/manifests/meshinstallations.mesh.operator.dev-v1.yml"));
    Namespaces.apply(admin, NAMESPACE, Map.of());
    String current = OlmBundle.releaseVersion();
    Deployment first = installCsv(YAML.readValue(Files.readString(CSV), Map.class));
    assertThat(DeployedOperator.container(first).getImage()).endsWith(":" + current);

    MeshInstallation mesh = Installations.of("olm-mesh", spec -> {});
    try (PackagedOperator operator = start(first, "v" + current)) {
      admin.resource(mesh).create();
      awaitReady(mesh, operator);
    }

    // The next release, as its bundle would be built, and the catalog that offers both.
    String next = OlmBundle.nextPatch(current);
    Map<String, String> bundle =
        OlmBundle.ofBuild(next, OlmBundle.PACKAGE + ".v" + current, ImageDigests.NONE);
    String nextCsv = bundle.get("manifests/mesh-operator.clusterserviceversion.yaml");
    assertThat(nextCsv).contains("replaces: mesh-operator.v" + current);
    Path catalog = Path.of("target/olm-bundle-it/catalog/mesh-operator");
    Files.createDirectories(catalog);
    Files.writeString(catalog.resolve("catalog.yaml"), OlmBundle.catalog(List.of(current, next)));
    OlmValidation.assertAccepted(catalog.getParent().toString());

    Deployment upgraded = installCsv(YAML.readValue(nextCsv, Map.class));
    assertThat(DeployedOperator.container(upgraded).getImage()).endsWith(":" + next);
    assertThat(upgraded.getMetadata().getGeneration())
        .isGreaterThan(first.getMetadata().getGeneration());
    admin.leases().inNamespace(NAMESPACE).withName(LeaderElectionProducer.LEASE).delete();
    try (PackagedOperator operator = start(upgraded, "v" + next)) {
      await().atMost(BOUND).until(() -> ("mesh-operator-v" + next).equals(leaseHolder()));
      awaitReady(mesh, operator);
      admin.resource(mesh).delete();
      await().atMost(BOUND).until(() -> admin.resource(mesh).get() == null);
    }
  }

  /**
   * What OLM does with a CSV's install strategy; returns the Deployment as the API server has it.
   */
  @SuppressWarnings("unchecked")
  private static Deployment installCsv(Map<String, Object> csv) {
    Map<String, Object> spec = (Map<String, Object>) csv.get("spec");
    Map<String, Object> install =
        (Map<String, Object>) ((Map<String, Object>) spec.get("install")).get("spec");
    String csvName = (String) ((Map<String, Object>) csv.get("metadata")).get("name");
    for (Map<String, Object> permission :
        (List<Map<String, Object>>) install.get("clusterPermissions")) {
      String account = (String) permission.get("serviceAccountName");
      admin
          .resource(
              new ServiceAccountBuilder()
                  .withNewMetadata()
                  .withName(account)
                  .withNamespace(NAMESPACE)
                  .endMetadata()
                  .build())
          .serverSideApply();
      List<PolicyRule> rules = rules(permission);
      // OLM names the role after the CSV; an upgrade brings a new role and drops the old.
      admin
          .resource(
              new ClusterRoleBuilder()
                  .withNewMetadata()
                  .withName(csvName)
                  .endMetadata()
                  .withRules(rules)
                  .build())
          .serverSideApply();
      admin
          .resource(
              new ClusterRoleBindingBuilder()
                  .withNewMetadata()
                  .withName(csvName)
                  .endMetadata()
                  .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", csvName)
                  .addNewSubject()
                  .withKind("ServiceAccount")
                  .withName(account)
                  .withNamespace(NAMESPACE)
                  .endSubject()
                  .build())
          .serverSideApply();
    }
    for (Map<String, Object> permission : (List<Map<String, Object>>) install.get("permissions")) {
      List<PolicyRule> rules = rules(permission);
      admin
          .resource(
              new RoleBuilder()
                  .withNewMetadata()
                  .withName(csvName)
                  .withNamespace(NAMESPACE)
                  .endMetadata()
                  .withRules(rules)
                  .build())
          .serverSideApply();
      admin
          .resource(
              new RoleBindingBuilder()
                  .withNewMetadata()
                  .withName(csvName)
                  .withNamespace(NAMESPACE)
                  .endMetadata()
                  .withNewRoleRef("rbac.authorization.k8s.io", "Role", csvName)
                  .addNewSubject()
                  .withKind("ServiceAccount")
                  .withName((String) permission.get("serviceAccountName"))
                  .withNamespace(NAMESPACE)
                  .endSubject()
                  .build())
          .serverSideApply();
    }
    Map<String, Object> deployment =
        ((List<Map<String, Object>>) install.get("deployments")).get(0);
    Deployment applied =
        admin
            .resource(
                new DeploymentBuilder()
                    .withNewMetadata()
                    .withName((String) deployment.get("name"))
                    .withNamespace(NAMESPACE)
                    .endMetadata()
                    .withSpec(
                        Serialization.jsonMapper()
                            .convertValue(deployment.get("spec"), DeploymentSpec.class))
                    .build())
            .forceConflicts()
            .serverSideApply();
    return applied;
  }

  @SuppressWarnings("unchecked")
  private static List<PolicyRule> rules(Map<String, Object> permission) {
    return ((List<Object>) permission.get("rules"))
        .stream()
            .map(rule -> Serialization.jsonMapper().convertValue(rule, PolicyRule.class))
            .toList();
  }

  private static PackagedOperator start(Deployment deployment, String release) throws Exception {
    return DeployedOperator.start(
        admin,
        cluster.clientConfig(),
        deployment,
        "mesh-operator-" + release,
        Path.of("target/olm-bundle-it-operator-" + release + ".log"));
  }

  private static void awaitReady(MeshInstallation mesh, PackagedOperator operator) {
    MeshAssert.of(admin, mesh)
        .within(BOUND)
        .awaitStatus(
            current -> {
              assertThat(operator.isAlive()).as("operator; see %s", operator.log()).isTrue();
              assertThat(MeshAssert.requireCondition(current, Conditions.READY).getStatus())
                  .isEqualTo("True");
            });
  }

  private static String leaseHolder() {
    var lease = admin.leases().inNamespace(NAMESPACE).withName(LeaderElectionProducer.LEASE).get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }
}
