package dev.meshoperator.reconcile;

import static dev.meshoperator.testing.MeshAssert.condition;
import static dev.meshoperator.testing.MeshAssert.requireCondition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.meshoperator.api.v1alpha1.ComponentsSpec;
import dev.meshoperator.api.v1alpha1.DisruptionBudgetSpec;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.MeshInstallationSpec;
import dev.meshoperator.api.v1alpha1.NetworkPolicySpec;
import dev.meshoperator.api.v1alpha1.PilotSpec;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.api.v1alpha1.ValuesSpec;
import dev.meshoperator.api.v1alpha1.WorkloadSpec;
import dev.meshoperator.apply.ReconcileStats;
import dev.meshoperator.render.OperatorLabels;
import dev.meshoperator.status.Conditions;
import dev.meshoperator.testing.DeploymentImages;
import dev.meshoperator.testing.DumpOnFailure;
import dev.meshoperator.testing.Installations;
import dev.meshoperator.testing.LocalClusterTestResource;
import dev.meshoperator.testing.MeshAssert;
import dev.meshoperator.testing.MeshEdits;
import dev.meshoperator.testing.PodReadiness;
import dev.meshoperator.testing.SharedLocalCluster;
import dev.meshoperator.testing.Tiers;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The operator, in-process, installing Istio on the real local control plane. */
@QuarkusTest
@QuarkusTestResource(value = LocalClusterTestResource.class, restrictToAnnotatedClass = true)
@ExtendWith(DumpOnFailure.class)
@Tag(Tiers.CLUSTER)
class MeshInstallationIT {

  private static final Duration BOUND = Duration.ofSeconds(90);

  /** What an unset version installs: the catalog's newest release. */
  private static final String LATEST = "1.31.4";

  /** What 1.30-latest names. */
  private static final String LATEST_130 = "1.30.8";

  @Inject KubernetesClient client;
  @Inject ReconcileStats stats;

  private MeshInstallation mesh;

  @AfterEach
  void deleteInstallation() {
    if (mesh != null) {
      client.resource(mesh).delete();
      await().atMost(BOUND).until(() -> client.resource(mesh).get() == null);
    }
  }

  @Test
  void installsIstiodAndReportsReady() {
    mesh = create(spec -> {});
    String ns = mesh.getSpec().getNamespace();

    MeshInstallation ready = awaitReady(mesh);

    assertThat(ready.getStatus().getObservedGeneration())
        .isEqualTo(ready.getMetadata().getGeneration());
    assertThat(ready.getStatus().getVersion()).isEqualTo(LATEST);
    assertThat(ready.getStatus().getActiveRevision()).isEqualTo("default");
    assertThat(condition(ready, Conditions.RECONCILED))
        .hasValueSatisfying(
            c -> {
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getReason()).isEqualTo("Applied");
              assertThat(c.getObservedGeneration()).isEqualTo(ready.getMetadata().getGeneration());
              assertThat(c.getLastTransitionTime()).isNotBlank();
            });
    assertThat(ready.getStatus().getComponents())
        .extracting(c -> c.getName() + "=" + c.getReady())
        .containsExactly("base=True", "istiod=True", "istio-ingressgateway=True");

    Deployment istiod = client.apps().deployments().inNamespace(ns).withName("istiod").get();
    assertThat(istiod.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("docker.io/istio/pilot:" + LATEST);
    assertThat(istiod.getStatus().getAvailableReplicas()).isEqualTo(1);
    assertThat(istiod.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(ref -> assertThat(ref.getUid()).isEqualTo(ready.getMetadata().getUid()));
    assertThat(client.services().inNamespace(ns).withName("istiod").get()).isNotNull();
    assertThat(client.serviceAccounts().inNamespace(ns).withName("istiod").get()).isNotNull();
    assertThat(
            client.serviceAccounts().inNamespace(ns).withName("istio-reader-service-account").get())
        .isNotNull();
    assertThat(client.configMaps().inNamespace(ns).withName("istio").get().getData().get("mesh"))
        .contains("rootNamespace: " + ns)
        .contains("discoveryAddress: istiod." + ns + ".svc:15012");
    assertThat(
            client.configMaps().inNamespace(ns).withName("istio-sidecar-injector").get().getData())
        .containsKeys("config", "values");
    assertThat(
            client
                .resources(HorizontalPodAutoscaler.class)
                .inNamespace(ns)
                .withName("istiod")
                .get()
                .getSpec()
                .getMaxReplicas())
        .isEqualTo(5);
    assertThat(client.resources(Role.class).inNamespace(ns).withName("istiod").get()).isNotNull();
    assertThat(client.resources(RoleBinding.class).inNamespace(ns).withName("istiod").get())
        .isNotNull();
    for (String role :
        List.of("istiod-clusterrole-", "istiod-gateway-controller-", "istio-reader-clusterrole-")) {
      assertThat(client.resources(ClusterRole.class).withName(role + ns).get())
          .as(role)
          .isNotNull();
      assertThat(client.resources(ClusterRoleBinding.class).withName(role + ns).get())
          .as(role)
          .isNotNull();
    }
    MutatingWebhookConfiguration injector =
        client
            .resources(MutatingWebhookConfiguration.class)
            .withName("istio-sidecar-injector-" + ns)
            .get();
    assertThat(injector.getWebhooks())
        .extracting(w -> w.getName())
        .containsExactly(
            "rev.namespace.sidecar-injector.istio.io",
            "rev.object.sidecar-injector.istio.io",
            "namespace.sidecar-injector.istio.io",
            "object.sidecar-injector.istio.io");
    assertThat(
            client
                .resources(ValidatingWebhookConfiguration.class)
                .withName("istio-validator-" + ns)
                .get())
        .isNotNull();
    assertThat(
            client
                .resources(ValidatingWebhookConfiguration.class)
                .withName("istiod-default-validator")
                .get())
        .isNotNull();
    assertThat(
            client
                .resources(CustomResourceDefinition.class)
                .withName("virtualservices.networking.istio.io")
                .get())
        .isNotNull();
  }

  @Test
  void aSecondReconcileOfAnUnchangedInstallationWritesNothing() {
    // The ambient profile renders every kind the operator manages, DaemonSets included.
    mesh = create(spec -> spec.setProfile(Profile.AMBIENT));
    String ns = mesh.getSpec().getNamespace();
    awaitReady(mesh);
    await()
        .pollDelay(Duration.ofSeconds(2))
        .atMost(BOUND)
        .until(() -> stableFor(Duration.ofSeconds(2)));
    Map<String, String> versionsBefore = resourceVersions(ns);
    long reconcilesBefore = stats.reconciles();
    long writesBefore = stats.objectWrites();
    long statusWritesBefore = stats.statusWrites();

    // Another writer adds a label it owns: an event for the operator, but nothing it should undo.
    client
        .configMaps()
        .inNamespace(ns)
        .resource(
            new ConfigMapBuilder()
                .withMetadata(
                    new ObjectMetaBuilder()
                        .withName("istio")
                        .withNamespace(ns)
                        .addToLabels("team.example.com/owner", "platform")
                        .build())
                .build())
        .fieldManager("someone-else")
        .serverSideApply();

    await().atMost(BOUND).until(() -> stats.reconciles() > reconcilesBefore);
    assertThat(stats.objectWrites()).isEqualTo(writesBefore);
    assertThat(stats.statusWrites()).isEqualTo(statusWritesBefore);
    Map<String, String> versionsAfter = resourceVersions(ns);
    versionsAfter.remove("ConfigMap/istio");
    versionsBefore.remove("ConfigMap/istio");
    assertThat(versionsAfter).isEqualTo(versionsBefore);
    assertThat(
            client.configMaps().inNamespace(ns).withName("istio").get().getMetadata().getLabels())
        .containsEntry("team.example.com/owner", "platform");
  }

  @Test
  void repairsDriftInAFieldItOwns() {
    mesh = create(spec -> {});
    String ns = mesh.getSpec().getNamespace();
    awaitReady(mesh);

    client
        .services()
        .inNamespace(ns)
        .withName("istiod")
        .edit(
            s -> {
              s.getSpec().getPorts().removeIf(p -> "http-monitoring".equals(p.getName()));
              return s;
            });

    await()
        .atMost(BOUND)
        .untilAsserted(
            () ->
                assertThat(
                        client
                            .services()
                            .inNamespace(ns)
                            .withName("istiod")
                            .get()
                            .getSpec()
                            .getPorts())
                    .extracting(p -> p.getName())
                    .contains("http-monitoring"));
  }

  @Test
  void readyFollowsIstiodAvailability() {
    mesh =
        create(
            spec -> {
              PilotSpec pilot = new PilotSpec();
              pilot.setReplicas(1);
              spec.getComponents().setPilot(pilot);
            });
    String ns = mesh.getSpec().getNamespace();
    awaitReady(mesh);
    var pod = client.pods().inNamespace(ns).withLabel("app", "istiod").list().getItems().get(0);

    PodReadiness.set(client, pod, false);

    await()
        .atMost(BOUND)
        .untilAsserted(
            () -> {
              Condition ready = requireCondition(client.resource(mesh).get(), Conditions.READY);
              assertThat(ready.getStatus()).isEqualTo("False");
              assertThat(ready.getReason()).isEqualTo("ComponentsNotReady");
              assertThat(ready.getMessage()).contains("istiod").contains("0 of 1");
            });

    PodReadiness.set(client, pod, true);
    awaitReady(mesh);
  }

  /** Values follow the spec both ways: NetworkPolicies turned off are removed, a budget too. */
  @Test
  void valuesTurnedOffRemoveWhatTheyRendered() {
    mesh =
        create(
            spec -> {
              spec.setProfile(Profile.MINIMAL);
              ValuesSpec values = new ValuesSpec();
              NetworkPolicySpec policies = new NetworkPolicySpec();
              policies.setEnabled(true);
              values.setNetworkPolicy(policies);
              spec.setValues(values);
              PilotSpec pilot = new PilotSpec();
              DisruptionBudgetSpec budget = new DisruptionBudgetSpec();
              budget.setEnabled(true);
              pilot.setPodDisruptionBudget(budget);
              spec.getComponents().setPilot(pilot);
            });
    String ns = mesh.getSpec().getNamespace();
    awaitReady(mesh);
    assertThat(client.network().v1().networkPolicies().inNamespace(ns).withName("istiod").get())
        .isNotNull();
    assertThat(client.policy().v1().podDisruptionBudget().inNamespace(ns).withName("istiod").get())
        .isNotNull();

    mesh =
        editMesh(
            m -> {
              m.getSpec().getValues().getNetworkPolicy().setEnabled(false);
              m.getSpec().getComponents().getPilot().getPodDisruptionBudget().setEnabled(false);
              return m;
            });
    awaitReady(mesh);
    await()
        .atMost(BOUND)
        .untilAsserted(
            () -> {
              assertThat(client.network().v1().networkPolicies().inNamespace(ns).list().getItems())
                  .isEmpty();
              assertThat(
                      client.policy().v1().podDisruptionBudget().inNamespace(ns).list().getItems())
                  .isEmpty();
            });
  }

  @Test
  void changingTheVersionUpdatesIstiodInPlace() {
    mesh = create(spec -> spec.setVersion("1.29.6"));
    String ns = mesh.getSpec().getNamespace();
    awaitReady(mesh);

    mesh =
        editMesh(
            m -> {
              m.getSpec().setVersion("1.30-latest");
              return m;
            });

    await()
        .atMost(BOUND)
        .untilAsserted(
            () -> {
              MeshInstallation current = client.resource(mesh).get();
              assertThat(current.getStatus().getVersion()).isEqualTo(LATEST_130);
              assertThat(current.getStatus().getObservedGeneration())
                  .isEqualTo(current.getMetadata().getGeneration());
              assertThat(condition(current, Conditions.READY))
                  .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
            });
    assertThat(DeploymentImages.of(client, ns, "istiod"))
        .isEqualTo("docker.io/istio/pilot:" + LATEST_130);
    assertThat(
            client
                .resources(CustomResourceDefinition.class)
                .withName("trafficextensions.extensions.istio.io")
                .get())
        .as("1.30 adds the TrafficExtension CRD")
        .isNotNull();
    assertThat(client.resource(mesh).get().getStatus().getVersionSource()).isEqualTo("Alias");
    assertThat(MeshAssert.of(client, mesh).events())
        .filteredOn(e -> "AliasFollowed".equals(e.getReason()))
        .singleElement()
        .satisfies(e -> assertThat(e.getMessage()).contains(LATEST_130, "1.29.6"));
  }

  @Test
  void anUnsetVersionKeepsWhatRunsInsteadOfFollowingTheCatalog() {
    mesh = create(spec -> spec.setVersion("1.29.6"));
    MeshAssert.of(client, mesh)
        .awaitReady(m -> assertThat(m.getStatus().getVersionSource()).isEqualTo("Release"));

    // Without a version in the spec, the catalog's newest (1.31.4) is not a reason to upgrade.
    mesh =
        editMesh(
            m -> {
              m.getSpec().setVersion(null);
              return m;
            });
    MeshInstallation kept =
        MeshAssert.of(client, mesh)
            .awaitReady(m -> assertThat(m.getStatus().getVersionSource()).isEqualTo("Installed"));
    assertThat(kept.getSpec().getVersion()).as("no default is written into the spec").isNull();
    assertThat(kept.getStatus().getVersion()).isEqualTo("1.29.6");
    assertThat(DeploymentImages.of(client, mesh.getSpec().getNamespace(), "istiod"))
        .isEqualTo("docker.io/istio/pilot:1.29.6");
  }

  @Test
  void aVersionNotInTheCatalogIsReportedAndRunningObjectsAreLeftAlone() {
    mesh = create(spec -> {});
    String ns = mesh.getSpec().getNamespace();
    awaitReady(mesh);
    String deploymentVersion =
        client
            .apps()
            .deployments()
            .inNamespace(ns)
            .withName("istiod")
            .get()
            .getMetadata()
            .getResourceVersion();

    mesh =
        editMesh(
            m -> {
              m.getSpec().setVersion("1.99.0");
              return m;
            });

    await()
        .atMost(BOUND)
        .untilAsserted(
            () -> {
              MeshInstallation current = client.resource(mesh).get();
              Condition reconciled = requireCondition(current, Conditions.RECONCILED);
              assertThat(reconciled.getStatus()).isEqualTo("False");
              assertThat(reconciled.getReason()).isEqualTo("InvalidSpec");
              assertThat(reconciled.getMessage()).contains("1.99.0").contains(LATEST);
              assertThat(reconciled.getObservedGeneration())
                  .isEqualTo(current.getMetadata().getGeneration());
              assertThat(condition(current, Conditions.READY))
                  .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
            });
    assertThat(
            MeshAssert.of(client, mesh)
                .awaitWarningEvent("InvalidSpec")
                .getInvolvedObject()
                .getUid())
        .isEqualTo(mesh.getMetadata().getUid());
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace(ns)
                .withName("istiod")
                .get()
                .getMetadata()
                .getResourceVersion())
        .isEqualTo(deploymentVersion);
  }

  @Test
  void admissionRejectsBadInputWithTheRulesMessage() {
    assertRejected(Map.of("profile", "sidecarz"), "Unsupported value: \"sidecarz\"");
    assertRejected(
        Map.of("version", "1.28.1", "compatibilityVersion", "1.29"),
        "compatibilityVersion must not be newer than version");
    assertRejected(Map.of("version", "not-a-version"), "spec.version");

    mesh = create(spec -> {});
    assertThatThrownBy(
            () ->
                editMesh(
                    m -> {
                      m.getSpec().setNamespace("elsewhere");
                      return m;
                    }))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("namespace is immutable");
  }

  @Test
  void disablingPilotRemovesIstiodOnlyAndEnablingBringsItBack() {
    mesh = create(spec -> {});
    String ns = mesh.getSpec().getNamespace();
    awaitReady(mesh);

    mesh =
        editMesh(
            m -> {
              pilot(m).setEnabled(false);
              return m;
            });

    await()
        .atMost(BOUND)
        .untilAsserted(
            () -> {
              assertThat(client.apps().deployments().inNamespace(ns).withName("istiod").get())
                  .isNull();
              assertThat(
                      client
                          .resources(ClusterRole.class)
                          .withName("istiod-clusterrole-" + ns)
                          .get())
                  .isNull();
            });
    assertThat(
            client.serviceAccounts().inNamespace(ns).withName("istio-reader-service-account").get())
        .as("base stays")
        .isNotNull();
    await()
        .atMost(BOUND)
        .untilAsserted(
            () ->
                assertThat(client.resource(mesh).get().getStatus().getComponents())
                    .extracting(c -> c.getName())
                    .containsExactly("base", "istio-ingressgateway"));

    mesh =
        editMesh(
            m -> {
              pilot(m).setEnabled(true);
              return m;
            });
    awaitReady(mesh);
    assertThat(client.apps().deployments().inNamespace(ns).withName("istiod").get()).isNotNull();
  }

  @Test
  void gatewaysComeFromTheProfileOrTheSpecAndAreRemovedOneByOne() {
    mesh = create(spec -> {});
    String ns = mesh.getSpec().getNamespace();
    awaitReady(mesh);
    Deployment ingress =
        client.apps().deployments().inNamespace(ns).withName("istio-ingressgateway").get();
    assertThat(ingress.getStatus().getAvailableReplicas()).isEqualTo(1);
    assertThat(ingress.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("docker.io/istio/proxyv2:" + LATEST);
    assertThat(client.services().inNamespace(ns).withName("istio-ingressgateway").get())
        .satisfies(svc -> assertThat(svc.getSpec().getType()).isEqualTo("LoadBalancer"));
    assertThat(
            client
                .autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace(ns)
                .withName("istio-ingressgateway")
                .get())
        .isNotNull();
    String istiodUid =
        client.apps().deployments().inNamespace(ns).withName("istiod").get().getMetadata().getUid();

    String egressNs = ns + "-egress";
    editMesh(
        m -> {
          var off = new dev.meshoperator.api.v1alpha1.GatewaySpec();
          off.setName("istio-ingressgateway");
          off.setEnabled(false);
          var egress = new dev.meshoperator.api.v1alpha1.GatewaySpec();
          egress.setName("egress");
          egress.setKind(dev.meshoperator.api.v1alpha1.GatewaySpec.Kind.EGRESS);
          egress.setNamespace(egressNs);
          egress.setReplicas(2);
          m.getSpec().getComponents().setGateways(List.of(off, egress));
          return m;
        });
    try {
      await()
          .atMost(BOUND)
          .untilAsserted(
              () -> {
                MeshInstallation current = client.resource(mesh).get();
                assertThat(current.getStatus().getComponents())
                    .extracting(c -> c.getName() + "=" + c.getReady())
                    .containsExactly("base=True", "istiod=True", "egress=True");
              });
      Deployment egress =
          client.apps().deployments().inNamespace(egressNs).withName("egress").get();
      assertThat(egress.getSpec().getReplicas()).isEqualTo(2);
      assertThat(egress.getStatus().getAvailableReplicas()).isEqualTo(2);
      assertThat(
              client
                  .policy()
                  .v1()
                  .podDisruptionBudget()
                  .inNamespace(egressNs)
                  .withName("egress")
                  .get())
          .isNotNull();
      assertThat(
              client.services().inNamespace(egressNs).withName("egress").get().getSpec().getType())
          .isEqualTo("ClusterIP");
      assertThat(client.rbac().roles().inNamespace(egressNs).withName("egress-sds").get())
          .isNotNull();
      await()
          .atMost(BOUND)
          .untilAsserted(
              () -> {
                assertThat(
                        client
                            .apps()
                            .deployments()
                            .inNamespace(ns)
                            .withName("istio-ingressgateway")
                            .get())
                    .isNull();
                assertThat(client.services().inNamespace(ns).withName("istio-ingressgateway").get())
                    .isNull();
                assertThat(
                        client
                            .serviceAccounts()
                            .inNamespace(ns)
                            .withName("istio-ingressgateway-service-account")
                            .get())
                    .isNull();
              });
      assertThat(
              client
                  .apps()
                  .deployments()
                  .inNamespace(ns)
                  .withName("istiod")
                  .get()
                  .getMetadata()
                  .getUid())
          .as("istiod is left alone")
          .isEqualTo(istiodUid);
    } finally {
      client.namespaces().withName(egressNs).delete();
    }
  }

  @Test
  void aCompatibilityVersionSetsTheFlagsOfItsProfileAndDroppingItClearsThem() {
    mesh = create(spec -> spec.setCompatibilityVersion("1.28"));
    String ns = mesh.getSpec().getNamespace();
    MeshInstallation ready = awaitReady(mesh);
    assertThat(ready.getStatus().getCompatibilityVersion()).isEqualTo("1.28");
    assertThat(istiodEnv(ns))
        .containsEntry("DISABLE_TRACK_REMAINING_CB_METRICS", "false")
        .containsEntry("PILOT_SIDECAR_PICK_BEST_SERVICE_NAMESPACE", "false")
        .as("a 1.27 change stays on under 1.28")
        .doesNotContainKey("ENABLE_NATIVE_SIDECARS");

    editMesh(
        m -> {
          m.getSpec().setCompatibilityVersion(null);
          return m;
        });
    await()
        .atMost(BOUND)
        .untilAsserted(
            () ->
                assertThat(istiodEnv(ns))
                    .doesNotContainKey("DISABLE_TRACK_REMAINING_CB_METRICS")
                    .doesNotContainKey("PILOT_SIDECAR_PICK_BEST_SERVICE_NAMESPACE"));
    await()
        .atMost(BOUND)
        .untilAsserted(
            () ->
                assertThat(client.resource(mesh).get().getStatus().getCompatibilityVersion())
                    .isNull());
  }

  private Map<String, String> istiodEnv(String ns) {
    Map<String, String> env = new java.util.HashMap<>();
    client
        .apps()
        .deployments()
        .inNamespace(ns)
        .withName("istiod")
        .get()
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getEnv()
        .stream()
        .filter(e -> e.getValue() != null)
        .forEach(e -> env.put(e.getName(), e.getValue()));
    return env;
  }

  @Test
  void deletingTheInstallationRemovesWhatItCreatedAndNothingElse() {
    mesh = create(spec -> {});
    String ns = mesh.getSpec().getNamespace();
    awaitReady(mesh);
    client
        .configMaps()
        .inNamespace(ns)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("users-own")
                .withNamespace(ns)
                .endMetadata()
                .build())
        .create();

    client.resource(mesh).delete();
    mesh = null;

    await()
        .atMost(BOUND)
        .untilAsserted(
            () -> {
              assertThat(client.apps().deployments().inNamespace(ns).list().getItems()).isEmpty();
              assertThat(
                      client
                          .resources(ClusterRole.class)
                          .withName("istiod-clusterrole-" + ns)
                          .get())
                  .isNull();
              assertThat(
                      client
                          .resources(MutatingWebhookConfiguration.class)
                          .withName("istio-sidecar-injector-" + ns)
                          .get())
                  .isNull();
              assertThat(client.configMaps().inNamespace(ns).withName("istio").get()).isNull();
            });
    assertThat(client.configMaps().inNamespace(ns).withName("users-own").get()).isNotNull();
    assertThat(client.namespaces().withName(ns).get())
        .as("the namespace outlives the mesh")
        .isNotNull();
    assertThat(
            client
                .resources(CustomResourceDefinition.class)
                .withName("virtualservices.networking.istio.io")
                .get())
        .as("Istio's CRDs, and so users' Istio config, outlive the mesh")
        .isNotNull();
  }

  @Test
  void ambientProfileRunsIstioCniAndZtunnelOnEveryNodeAndZtunnelCanBeTurnedOff() {
    mesh = create(spec -> spec.setProfile(Profile.AMBIENT));
    String ns = mesh.getSpec().getNamespace();

    MeshInstallation ready = awaitReady(mesh);

    assertThat(ready.getStatus().getComponents())
        .extracting(c -> c.getName() + "=" + c.getReady())
        .containsExactly("base=True", "istiod=True", "cni=True", "ztunnel=True");
    for (String daemonSet : List.of("istio-cni-node", "ztunnel")) {
      var status = client.apps().daemonSets().inNamespace(ns).withName(daemonSet).get().getStatus();
      assertThat(status.getNumberReady()).as(daemonSet).isEqualTo(SharedLocalCluster.NODES);
    }
    assertThat(client.configMaps().inNamespace(ns).withName("istio-cni-config").get().getData())
        .containsEntry("AMBIENT_ENABLED", "true");
    assertThat(client.resources(ClusterRole.class).withName("istio-cni-ambient").get()).isNotNull();
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace(ns)
                .withName("istiod")
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("PILOT_ENABLE_AMBIENT");
              assertThat(e.getValue()).isEqualTo("true");
            });

    mesh =
        editMesh(
            m -> {
              m.getSpec().getComponents().setZtunnel(new WorkloadSpec());
              m.getSpec().getComponents().getZtunnel().setEnabled(false);
              return m;
            });

    await()
        .atMost(BOUND)
        .untilAsserted(
            () -> {
              assertThat(client.apps().daemonSets().inNamespace(ns).withName("ztunnel").get())
                  .isNull();
              assertThat(client.serviceAccounts().inNamespace(ns).withName("ztunnel").get())
                  .isNull();
              assertThat(client.resource(mesh).get().getStatus().getComponents())
                  .extracting(c -> c.getName())
                  .containsExactly("base", "istiod", "cni");
            });
    assertThat(client.apps().daemonSets().inNamespace(ns).withName("istio-cni-node").get())
        .isNotNull();
  }

  @Test
  void aSecondInstallationCannotTakeTheBaseButMayRunItsOwnControlPlane() {
    mesh = create(spec -> {});
    awaitReady(mesh);
    // Seniority is creation time, then name: created within the same second, the second
    // installation must still sort after the first.
    MeshInstallation second =
        client
            .resource(Installations.of(mesh.getMetadata().getName() + "-second", spec -> {}))
            .create();
    try {
      await()
          .atMost(BOUND)
          .untilAsserted(
              () -> {
                Condition reconciled =
                    requireCondition(client.resource(second).get(), Conditions.RECONCILED);
                assertThat(reconciled.getReason()).isEqualTo("Conflict");
                assertThat(reconciled.getMessage()).contains(mesh.getMetadata().getName());
              });
      assertThat(
              client
                  .apps()
                  .deployments()
                  .inNamespace(second.getSpec().getNamespace())
                  .list()
                  .getItems())
          .as("nothing is rendered for a conflicting installation")
          .isEmpty();

      client
          .resources(MeshInstallation.class)
          .withName(second.getMetadata().getName())
          .edit(
              m -> {
                m.getSpec().getComponents().setBase(new dev.meshoperator.api.v1alpha1.BaseSpec());
                m.getSpec().getComponents().getBase().setEnabled(false);
                return m;
              });
      awaitReady(second);
      assertThat(
              client
                  .apps()
                  .deployments()
                  .inNamespace(second.getSpec().getNamespace())
                  .withName("istiod")
                  .get())
          .isNotNull();
      assertThat(condition(client.resource(mesh).get(), Conditions.READY))
          .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
    } finally {
      client.resource(second).delete();
      await().atMost(BOUND).until(() -> client.resource(second).get() == null);
    }
  }

  private void assertRejected(Map<String, Object> spec, String message) {
    var generic =
        new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
            .withApiVersion("mesh.operator.dev/v1alpha1")
            .withKind("MeshInstallation")
            .withNewMetadata()
            .withName("rejected-" + UUID.randomUUID().toString().substring(0, 6))
            .endMetadata()
            .withAdditionalProperties(Map.of("spec", spec))
            .build();
    assertThatThrownBy(() -> client.resource(generic).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422));
  }

  /**
   * Edits the latest version, as a user's kubectl edit would, and like kubectl retries when the
   * operator wrote in between (its status): 409 only, so a rejection surfaces.
   */
  private MeshInstallation editMesh(java.util.function.UnaryOperator<MeshInstallation> change) {
    return MeshEdits.edit(client, mesh.getMetadata().getName(), m -> change.apply(m));
  }

  private static WorkloadSpec pilot(MeshInstallation m) {
    if (m.getSpec().getComponents() == null) {
      m.getSpec().setComponents(new ComponentsSpec());
    }
    if (m.getSpec().getComponents().getPilot() == null) {
      m.getSpec().getComponents().setPilot(new PilotSpec());
    }
    return m.getSpec().getComponents().getPilot();
  }

  private MeshInstallation create(Consumer<MeshInstallationSpec> customize) {
    return client.resource(Installations.of(Installations.uniqueName("it"), customize)).create();
  }

  private MeshInstallation awaitReady(MeshInstallation target) {
    return MeshAssert.of(client, target).awaitReady();
  }

  /** resourceVersion of every object the installation manages in the cluster, by kind/name. */
  private Map<String, String> resourceVersions(String ns) {
    Map<String, String> versions = new java.util.TreeMap<>();
    Consumer<List<? extends HasMetadata>> add =
        items ->
            items.forEach(
                o ->
                    versions.put(
                        o.getKind() + "/" + o.getMetadata().getName(),
                        o.getMetadata().getResourceVersion()));
    String selector = "mesh.operator.dev/installation=" + mesh.getMetadata().getName();
    for (Class<? extends HasMetadata> kind : dev.meshoperator.apply.ManagedKinds.OWNED) {
      var resources =
          io.fabric8.kubernetes.api.model.Namespaced.class.isAssignableFrom(kind)
              ? client.resources(kind).inNamespace(ns)
              : client.resources(kind);
      add.accept(resources.withLabelSelector(selector).list().getItems());
    }
    // Istio's CRDs name no installation.
    add.accept(
        client
            .resources(CustomResourceDefinition.class)
            .withLabelSelector(OperatorLabels.MANAGED_SELECTOR)
            .list()
            .getItems());
    versions.put(
        "MeshInstallation", client.resource(mesh).get().getMetadata().getResourceVersion());
    return versions;
  }

  private boolean stableFor(Duration window) throws InterruptedException {
    long before = stats.reconciles();
    long deadline = System.nanoTime() + window.toNanos();
    await().atMost(window.plusSeconds(1)).until(() -> System.nanoTime() >= deadline);
    return stats.reconciles() == before;
  }
}
