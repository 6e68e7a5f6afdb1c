package dev.meshoperator.ambient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshoperator.api.v1alpha1.AmbientSpec;
import dev.meshoperator.api.v1alpha1.AmbientStatus;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.NamespaceEnrollmentStatus;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.api.v1alpha1.WaypointSpec;
import dev.meshoperator.apply.EnrollmentHold;
import dev.meshoperator.apply.ReconcileStats;
import dev.meshoperator.status.Conditions;
import dev.meshoperator.testing.CrdRemoval;
import dev.meshoperator.testing.DumpOnFailure;
import dev.meshoperator.testing.Installations;
import dev.meshoperator.testing.LocalClusterTestResource;
import dev.meshoperator.testing.MeshAssert;
import dev.meshoperator.testing.MeshEdits;
import dev.meshoperator.testing.Namespaces;
import dev.meshoperator.testing.PodReadiness;
import dev.meshoperator.testing.Tiers;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Ambient namespace enrollment and waypoints, on the real local control plane. */
@QuarkusTest
@QuarkusTestResource(value = LocalClusterTestResource.class, restrictToAnnotatedClass = true)
@ExtendWith(DumpOnFailure.class)
@Tag(Tiers.CLUSTER)
class AmbientEnrollmentIT {

  private static final Duration BOUND = Duration.ofSeconds(90);

  @Inject KubernetesClient client;
  @Inject ReconcileStats stats;

  private final String run = UUID.randomUUID().toString().substring(0, 6);
  private final List<String> namespaces = new ArrayList<>();
  private MeshInstallation mesh;

  @AfterEach
  void cleanUp() {
    if (mesh != null) {
      client.resource(mesh).delete();
      await().atMost(BOUND).until(() -> client.resource(mesh).get() == null);
    }
    namespaces.forEach(ns -> client.namespaces().withName(ns).delete());
  }

  @Test
  void enrollsListedAndSelectedNamespacesAndOnesCreatedLaterThenGivesThemBackOnDelete() {
    String listed = namespace("listed", Map.of());
    String selected = namespace("selected", Map.of("team", run));
    String excluded = namespace("excluded", Map.of("team", run));
    String other = namespace("other", Map.of());
    mesh =
        create(
            ambient -> {
              ambient.setNamespaces(List.of(listed));
              ambient.setNamespaceSelector(
                  new LabelSelectorBuilder().addToMatchLabels("team", run).build());
              ambient.setExcludeNamespaces(List.of(excluded));
            });

    awaitAmbient(s -> assertThat(s.getEnrolledNamespaces()).isEqualTo(2));
    assertEnrolled(listed);
    assertEnrolled(selected);
    assertNotEnrolled(excluded);
    assertNotEnrolled(other);
    assertThat(condition(Conditions.NAMESPACES_ENROLLED).getStatus()).isEqualTo("True");
    assertHolds(true);

    String later = namespace("later", Map.of("team", run));
    awaitAmbient(s -> assertThat(s.getEnrolledNamespaces()).isEqualTo(3));
    assertEnrolled(later);

    // An unrelated change reconciles the installation, which then writes nothing.
    long writes = stats.objectWrites();
    long reconciles = stats.reconciles();
    client.namespaces().withName(other).edit(n -> label(n, "unrelated", "change"));
    await().atMost(BOUND).until(() -> stats.reconciles() > reconciles);
    assertThat(stats.objectWrites()).isEqualTo(writes);

    client.resource(mesh).delete();
    await().atMost(BOUND).until(() -> client.resource(mesh).get() == null);
    mesh = null;
    for (String ns : List.of(listed, selected, later)) {
      assertNotEnrolled(ns);
      assertThat(annotations(ns)).doesNotContainKey(AmbientLabels.ENROLLMENT_RECORD);
    }
  }

  @Test
  void unenrollingRemovesOnlyWhatTheOperatorSet() {
    String ours = namespace("ours", Map.of("keep", "me"));
    String foreign = namespace("foreign", Map.of(AmbientLabels.DATAPLANE_MODE, "ambient"));
    mesh = create(ambient -> ambient.setNamespaces(List.of(ours, foreign)));
    awaitAmbient(s -> assertThat(s.getEnrolledNamespaces()).isEqualTo(2));
    assertEnrolled(ours);
    assertThat(annotations(foreign)).doesNotContainKey(AmbientLabels.ENROLLMENT_RECORD);

    editAmbient(ambient -> ambient.setNamespaces(List.of()));

    await()
        .atMost(BOUND)
        .untilAsserted(
            () -> assertThat(labels(ours)).doesNotContainKey(AmbientLabels.DATAPLANE_MODE));
    assertThat(labels(ours)).containsEntry("keep", "me");
    assertThat(annotations(ours)).doesNotContainKey(AmbientLabels.ENROLLMENT_RECORD);
    assertThat(labels(foreign)).containsEntry(AmbientLabels.DATAPLANE_MODE, "ambient");
    awaitAmbient(s -> assertThat(s.getEnrolledNamespaces()).isZero());
    // Nothing left to give back: no finalizer, so deleting it needs no operator.
    await().atMost(BOUND).untilAsserted(() -> assertHolds(false));
  }

  /** Whether the installation carries the finalizer and label of an enrollment to give back. */
  private void assertHolds(boolean holds) {
    MeshInstallation live = client.resource(mesh).get();
    assertThat(live.hasFinalizer(EnrollmentHold.FINALIZER)).as("finalizer").isEqualTo(holds);
    assertThat(
            live.getMetadata().getLabels() == null
                ? null
                : live.getMetadata().getLabels().get(EnrollmentHold.LABEL))
        .as("label")
        .isEqualTo(holds ? "true" : null);
  }

  @Test
  void aSidecarNamespaceIsReportedThenSwitchedOnlyWhenAllowedAndRestoredOnUnenroll() {
    String sidecar = namespace("sidecar", Map.of(AmbientLabels.SIDECAR_INJECTION, "enabled"));
    mesh = create(ambient -> ambient.setNamespaces(List.of(sidecar)));

    awaitAmbient(
        s -> {
          assertThat(s.getConflictingNamespaces()).isEqualTo(1);
          assertThat(s.getNamespaces())
              .extracting(NamespaceEnrollmentStatus::getName, NamespaceEnrollmentStatus::getReason)
              .containsExactly(org.assertj.core.groups.Tuple.tuple(sidecar, "SidecarInjection"));
        });
    Condition enrolled = condition(Conditions.NAMESPACES_ENROLLED);
    assertThat(enrolled.getStatus()).isEqualTo("False");
    assertThat(enrolled.getReason()).isEqualTo("Conflicts");
    assertThat(enrolled.getMessage()).contains(sidecar);
    assertThat(labels(sidecar))
        .containsEntry(AmbientLabels.SIDECAR_INJECTION, "enabled")
        .doesNotContainKey(AmbientLabels.DATAPLANE_MODE);

    editAmbient(ambient -> ambient.setSwitchSidecarNamespaces(true));
    awaitAmbient(s -> assertThat(s.getEnrolledNamespaces()).isEqualTo(1));
    assertEnrolled(sidecar);
    assertThat(labels(sidecar)).doesNotContainKey(AmbientLabels.SIDECAR_INJECTION);

    editAmbient(ambient -> ambient.setNamespaces(List.of()));
    await()
        .atMost(BOUND)
        .untilAsserted(
            () ->
                assertThat(labels(sidecar))
                    .containsEntry(AmbientLabels.SIDECAR_INJECTION, "enabled")
                    .doesNotContainKey(AmbientLabels.DATAPLANE_MODE));
  }

  @Test
  void enrollmentWaitsUntilZtunnelIsReady() {
    mesh = create(ambient -> {});
    awaitAmbient(s -> assertThat(s.getEnrolledNamespaces()).isZero());
    await().atMost(BOUND).until(() -> condition(Conditions.READY).getStatus().equals("True"));
    Pod ztunnel =
        client
            .pods()
            .inNamespace(mesh.getSpec().getNamespace())
            .withLabel("app", "ztunnel")
            .list()
            .getItems()
            .get(0);
    PodReadiness.set(client, ztunnel, false);
    await().atMost(BOUND).until(() -> condition(Conditions.READY).getStatus().equals("False"));

    String waiting = namespace("waiting", Map.of());
    editAmbient(ambient -> ambient.setNamespaces(List.of(waiting)));
    awaitAmbient(
        s -> {
          assertThat(s.getPendingNamespaces()).isEqualTo(1);
          assertThat(s.getNamespaces().get(0).getReason()).isEqualTo("WaitingForDataPlane");
          assertThat(s.getNamespaces().get(0).getMessage()).contains("ztunnel");
        });
    assertThat(condition(Conditions.NAMESPACES_ENROLLED).getReason())
        .isEqualTo("WaitingForDataPlane");
    assertNotEnrolled(waiting);

    PodReadiness.set(client, client.resource(ztunnel).get(), true);
    awaitAmbient(s -> assertThat(s.getEnrolledNamespaces()).isEqualTo(1));
    assertEnrolled(waiting);
  }

  @Test
  void aWaypointIsCreatedOnceTheGatewayApiExistsAndNotUsedBeforeProgrammed() {
    CrdRemoval.deleteAndAwaitGone(client, WaypointPlanner.GATEWAY_CRD);
    String app = namespace("app", Map.of());
    mesh =
        create(
            ambient -> {
              ambient.setNamespaces(List.of(app));
              WaypointSpec waypoint = new WaypointSpec();
              waypoint.setNamespace(app);
              waypoint.setTrafficType(WaypointSpec.TrafficType.SERVICE);
              ambient.setWaypoints(List.of(waypoint));
            });
    await()
        .atMost(BOUND)
        .untilAsserted(
            () ->
                assertThat(condition(Conditions.WAYPOINTS_READY).getReason())
                    .isEqualTo("GatewayAPIMissing"));
    assertEnrolled(app);

    installGatewayApi();
    // The API server closes open connections while it starts serving a CRD just created.
    Gateway gateway =
        await()
            .atMost(BOUND)
            .ignoreException(io.fabric8.kubernetes.client.KubernetesClientException.class)
            .until(
                () -> client.resources(Gateway.class).inNamespace(app).withName("waypoint").get(),
                g -> g != null);
    assertThat(gateway.getSpec().getGatewayClassName()).isEqualTo("istio-waypoint");
    assertThat(gateway.getSpec().getListeners())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.getPort()).isEqualTo(15008);
              assertThat(l.getProtocol()).isEqualTo("HBONE");
            });
    assertThat(gateway.getMetadata().getLabels())
        .containsEntry(AmbientLabels.WAYPOINT_FOR, "service");
    awaitAmbient(
        s ->
            assertThat(s.getWaypoints())
                .singleElement()
                .satisfies(w -> assertThat(w.getReason()).isEqualTo("NotProgrammed")));
    assertThat(labels(app)).doesNotContainKey(AmbientLabels.USE_WAYPOINT);

    // Programmed is istiod's to write: the Istio tier (istio.AmbientMeshIT) runs istiod, which
    // deploys the waypoint and reports it, and sees the operator label the namespace then.
    editAmbient(ambient -> ambient.setWaypoints(null));
    await()
        .atMost(BOUND)
        .until(
            () ->
                client.resources(Gateway.class).inNamespace(app).withName("waypoint").get()
                    == null);
    assertThat(labels(app)).doesNotContainKey(AmbientLabels.USE_WAYPOINT);
    assertEnrolled(app);
  }

  private void installGatewayApi() {
    CustomResourceDefinition crd =
        client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .load(getClass().getResourceAsStream("/fixtures/gateway-api-gateways-crd.yaml"))
            .item();
    client.resource(crd).serverSideApply();
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName(crd.getMetadata().getName())
        .waitUntilCondition(
            c ->
                // A CRD just created has a status whose conditions are not filled in yet.
                c.getStatus() != null
                    && c.getStatus().getConditions() != null
                    && c.getStatus().getConditions().stream()
                        .anyMatch(
                            x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())),
            60,
            java.util.concurrent.TimeUnit.SECONDS);
  }

  private MeshInstallation create(Consumer<AmbientSpec> ambient) {
    AmbientSpec ambientSpec = new AmbientSpec();
    ambient.accept(ambientSpec);
    return client
        .resource(
            Installations.of(
                "amb-" + run,
                spec -> {
                  spec.setProfile(Profile.AMBIENT);
                  spec.setAmbient(ambientSpec);
                }))
        .create();
  }

  private void editAmbient(Consumer<AmbientSpec> change) {
    MeshEdits.edit(
        client, mesh.getMetadata().getName(), m -> change.accept(m.getSpec().getAmbient()));
  }

  private void awaitAmbient(Consumer<AmbientStatus> assertion) {
    MeshAssert.of(client, mesh)
        .awaitCurrent(
            m -> {
              assertThat(m.getStatus().getAmbient()).isNotNull();
              assertion.accept(m.getStatus().getAmbient());
            });
  }

  private Condition condition(String type) {
    return MeshAssert.requireCondition(MeshAssert.of(client, mesh).current(), type);
  }

  private String namespace(String prefix, Map<String, String> labels) {
    String name = Namespaces.apply(client, prefix + "-" + run, labels);
    namespaces.add(name);
    return name;
  }

  private void assertEnrolled(String ns) {
    await()
        .atMost(BOUND)
        .untilAsserted(
            () ->
                assertThat(labels(ns))
                    .as("labels of " + ns)
                    .containsEntry(AmbientLabels.DATAPLANE_MODE, AmbientLabels.AMBIENT));
  }

  private void assertNotEnrolled(String ns) {
    assertThat(labels(ns)).as("labels of " + ns).doesNotContainKey(AmbientLabels.DATAPLANE_MODE);
  }

  private Map<String, String> labels(String ns) {
    return Optional.ofNullable(client.namespaces().withName(ns).get().getMetadata().getLabels())
        .orElse(Map.of());
  }

  private Map<String, String> annotations(String ns) {
    return Optional.ofNullable(
            client.namespaces().withName(ns).get().getMetadata().getAnnotations())
        .orElse(Map.of());
  }

  private static Namespace label(Namespace namespace, String key, String value) {
    namespace.getMetadata().getLabels().put(key, value);
    return namespace;
  }
}
