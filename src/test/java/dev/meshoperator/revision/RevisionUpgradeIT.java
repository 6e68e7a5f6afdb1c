package dev.meshoperator.revision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.api.v1alpha1.RevisionStatus;
import dev.meshoperator.api.v1alpha1.UpdateStrategy;
import dev.meshoperator.status.Conditions;
import dev.meshoperator.testing.DumpOnFailure;
import dev.meshoperator.testing.Installations;
import dev.meshoperator.testing.LocalClusterTestResource;
import dev.meshoperator.testing.MeshAssert;
import dev.meshoperator.testing.MeshEdits;
import dev.meshoperator.testing.Tiers;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * RevisionBased upgrades on the real local control plane: canary, promotion, use counting,
 * rollback, pruning after the grace period. Workloads are fake pods labelled as injected by a
 * revision (and opted out of injection, since no istiod answers webhooks here).
 */
@QuarkusTest
@QuarkusTestResource(value = LocalClusterTestResource.class, restrictToAnnotatedClass = true)
@ExtendWith(DumpOnFailure.class)
@Tag(Tiers.CLUSTER)
class RevisionUpgradeIT {

  private static final Duration BOUND = Duration.ofSeconds(90);
  private static final String OLD = "1.29.6";
  private static final String NEW = "1.30.4";

  @Inject KubernetesClient client;
  @Inject dev.meshoperator.apply.ReconcileStats stats;

  private final String name = "rv-" + UUID.randomUUID().toString().substring(0, 6);
  private MeshInstallation mesh;

  @AfterEach
  void cleanUp() {
    if (mesh != null) {
      client.resource(mesh).delete();
      await().atMost(BOUND).until(() -> client.resource(mesh).get() == null);
    }
    client.namespaces().withName(name + "-apps").delete();
  }

  @Test
  void canaryPromotionUseCountingRollbackAndPruning() {
    String oldRev = name + "-1-29-6";
    String newRev = name + "-1-30-4";
    mesh = create(strategy -> strategy.setInactiveRevisionDeletionGracePeriodSeconds(5L));
    awaitStatus(m -> assertThat(m.getStatus().getActiveRevision()).isEqualTo(oldRev));
    assertThat(istiod(oldRev)).isNotNull();
    assertThat(tagTarget()).isEqualTo(oldRev);
    assertThat(client.apps().deployments().inNamespace(name).withName("istiod").get())
        .as("no unrevisioned istiod")
        .isNull();

    Pod workload = injectedPod(oldRev);

    edit(m -> m.getSpec().setVersion(NEW));
    awaitStatus(
        m -> {
          assertThat(m.getStatus().getActiveRevision()).isEqualTo(newRev);
          assertThat(m.getStatus().getRevisions())
              .extracting(RevisionStatus::getName, RevisionStatus::getPods)
              .containsExactly(
                  org.assertj.core.groups.Tuple.tuple(newRev, 0),
                  org.assertj.core.groups.Tuple.tuple(oldRev, 1));
        });
    assertThat(tagTarget()).isEqualTo(newRev);
    String oldIstiodUid = istiod(oldRev).getMetadata().getUid();

    // Rollback while the old revision still runs: it becomes active again, no new canary.
    edit(m -> m.getSpec().setVersion(OLD));
    awaitStatus(m -> assertThat(m.getStatus().getActiveRevision()).isEqualTo(oldRev));
    assertThat(tagTarget()).isEqualTo(oldRev);
    assertThat(istiod(oldRev).getMetadata().getUid()).isEqualTo(oldIstiodUid);

    // The unused new revision goes after the 5 s grace period.
    await().atMost(BOUND).until(() -> istiod(newRev) == null);
    awaitStatus(
        m ->
            assertThat(m.getStatus().getRevisions())
                .extracting(RevisionStatus::getName)
                .containsExactly(oldRev));

    // Forward again; the old revision stays while its workload runs, then goes.
    edit(m -> m.getSpec().setVersion(NEW));
    awaitStatus(m -> assertThat(m.getStatus().getActiveRevision()).isEqualTo(newRev));
    awaitStatus(m -> assertThat(m.getStatus().getRevisions()).hasSize(2));
    assertThat(istiod(oldRev)).as("in use by a pod").isNotNull();
    client.resource(workload).withGracePeriod(0).delete();
    await().atMost(BOUND).until(() -> istiod(oldRev) == null);
    awaitStatus(
        m ->
            assertThat(m.getStatus().getRevisions())
                .extracting(RevisionStatus::getName)
                .containsExactly(newRev));

    // Each milestone told once, as a Normal Event (one reconcile may tell two at the same time).
    var normal =
        MeshAssert.of(client, name).events().stream()
            .filter(e -> "Normal".equals(e.getType()))
            .map(e -> e.getReason())
            .toList();
    assertThat(normal).contains("Ready");
    assertThat(normal)
        .filteredOn(reason -> !"Ready".equals(reason))
        .containsExactlyInAnyOrder(
            "UpgradeStarted",
            "Promoted",
            "RolledBack",
            "RevisionPruned",
            "UpgradeStarted",
            "Promoted",
            "RevisionPruned");
  }

  @Test
  void anUnchangedRevisionBasedInstallationWritesNothing() {
    String newRev = name + "-1-30-4";
    mesh = create(strategy -> {});
    edit(m -> m.getSpec().setVersion(NEW));
    awaitStatus(
        m -> {
          assertThat(m.getStatus().getActiveRevision()).isEqualTo(newRev);
          assertThat(m.getStatus().getRevisions()).hasSize(1);
        });
    // Quiet: no reconcile for two seconds.
    await()
        .pollInterval(Duration.ofSeconds(2))
        .atMost(BOUND)
        .until(
            new java.util.concurrent.Callable<Boolean>() {
              long last = -1;

              @Override
              public Boolean call() {
                long now = stats.reconciles();
                boolean quiet = now == last;
                last = now;
                return quiet;
              }
            });
    long reconciles = stats.reconciles();
    long writes = stats.objectWrites();
    long statusWrites = stats.statusWrites();

    // An event that changes nothing the operator owns: another writer's label on its istiod.
    client
        .apps()
        .deployments()
        .inNamespace(name)
        .withName("istiod-" + newRev)
        .edit(
            d -> {
              d.getMetadata().getLabels().put("team.example.com/owner", "platform");
              return d;
            });

    await().atMost(BOUND).until(() -> stats.reconciles() > reconciles);
    assertThat(stats.objectWrites()).isEqualTo(writes);
    assertThat(stats.statusWrites()).isEqualTo(statusWrites);
  }

  @Test
  void manualPromotionMovesTheTagOnlyWhenAsked() {
    String oldRev = name + "-1-29-6";
    String newRev = name + "-1-30-4";
    mesh = create(strategy -> strategy.setPromotion(UpdateStrategy.Promotion.MANUAL));
    awaitStatus(m -> assertThat(m.getStatus().getActiveRevision()).isEqualTo(oldRev));

    edit(m -> m.getSpec().setVersion(NEW));
    awaitStatus(
        m ->
            assertThat(m.getStatus().getRevisions())
                .filteredOn(r -> r.getName().equals(newRev))
                .singleElement()
                .satisfies(r -> assertThat(r.getReady()).isEqualTo("True")));
    assertThat(client.resource(mesh).get().getStatus().getActiveRevision()).isEqualTo(oldRev);
    assertThat(tagTarget()).isEqualTo(oldRev);

    edit(m -> m.getSpec().getUpdateStrategy().setPromotedVersion(NEW));
    awaitStatus(m -> assertThat(m.getStatus().getActiveRevision()).isEqualTo(newRev));
    assertThat(tagTarget()).isEqualTo(newRev);
  }

  @Test
  void aNamedTagPinsItsRevisionUntilItMoves() {
    String oldRev = name + "-1-29-6";
    String newRev = name + "-1-30-4";
    mesh =
        create(
            strategy -> {
              strategy.setInactiveRevisionDeletionGracePeriodSeconds(2L);
              var tag = new dev.meshoperator.api.v1alpha1.RevisionTagSpec();
              tag.setName("prod-stable");
              tag.setVersion(OLD);
              strategy.setTags(java.util.List.of(tag));
            });
    edit(m -> m.getSpec().setVersion(NEW));
    awaitStatus(
        m -> {
          assertThat(m.getStatus().getActiveRevision()).isEqualTo(newRev);
          assertThat(m.getStatus().getRevisions())
              .extracting(RevisionStatus::getName, r -> String.join(",", r.getTags()))
              .containsExactly(
                  org.assertj.core.groups.Tuple.tuple(newRev, "default"),
                  org.assertj.core.groups.Tuple.tuple(oldRev, "prod-stable"));
        });
    assertThat(namedTagTarget("prod-stable")).isEqualTo(oldRev);
    assertThat(istiod(oldRev)).as("pinned by its tag, unused otherwise").isNotNull();

    edit(m -> m.getSpec().getUpdateStrategy().getTags().get(0).setVersion(NEW));
    await().atMost(BOUND).until(() -> istiod(oldRev) == null);
    assertThat(namedTagTarget("prod-stable")).isEqualTo(newRev);
  }

  @Test
  void deploymentsOfMigratedNamespacesAreRestartedOntoTheNewRevisionABatchAtATime()
      throws Exception {
    String oldRev = name + "-1-29-6";
    String newRev = name + "-1-30-4";
    mesh =
        create(
            strategy -> {
              var restart = new dev.meshoperator.api.v1alpha1.WorkloadRestartSpec();
              restart.setEnabled(true);
              restart.setBatchSize(1);
              strategy.setWorkloadRestart(restart);
            });
    awaitStatus(m -> assertThat(m.getStatus().getActiveRevision()).isEqualTo(oldRev));
    String migrated = name + "-apps";
    String pinned = name + "-pinned";
    client
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(migrated)
                .addToLabels("istio-injection", "enabled")
                .endMetadata()
                .build())
        .create();
    client
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(pinned)
                .addToLabels("istio.io/rev", oldRev)
                .endMetadata()
                .build())
        .create();
    try {
      for (String app : java.util.List.of("a", "b")) {
        client.resource(oldRevisionDeployment(migrated, app, oldRev)).create();
      }
      client.resource(oldRevisionDeployment(pinned, "c", oldRev)).create();
      await()
          .atMost(BOUND)
          .until(
              () ->
                  client.apps().deployments().inNamespace(migrated).list().getItems().stream()
                      .allMatch(
                          d -> Integer.valueOf(1).equals(d.getStatus().getAvailableReplicas())));
      // Which workloads still run the revision, not only how many pods.
      awaitStatus(
          m ->
              assertThat(m.getStatus().getRevisions())
                  .filteredOn(r -> r.getName().equals(oldRev))
                  .singleElement()
                  .satisfies(
                      r ->
                          assertThat(r.getWorkloads())
                              .containsExactly(
                                  migrated + "/Deployment/a",
                                  migrated + "/Deployment/b",
                                  pinned + "/Deployment/c")));

      java.util.List<String> events =
          java.util.Collections.synchronizedList(new java.util.ArrayList<>());
      try (var watch =
          client
              .apps()
              .deployments()
              .inNamespace(migrated)
              .watch(
                  new io.fabric8.kubernetes.client.Watcher<>() {
                    @Override
                    public void eventReceived(Action action, Deployment d) {
                      var annotations = d.getSpec().getTemplate().getMetadata().getAnnotations();
                      if (annotations == null
                          || !newRev.equals(annotations.get(RestartPlanner.RESTARTED_FOR))) {
                        return;
                      }
                      String who = d.getMetadata().getName();
                      if (!events.contains(who + " restarted")) {
                        events.add(who + " restarted");
                      }
                      var st = d.getStatus();
                      if (st != null
                          && st.getObservedGeneration() >= d.getMetadata().getGeneration()
                          && Integer.valueOf(1).equals(st.getUpdatedReplicas())
                          && Integer.valueOf(1).equals(st.getAvailableReplicas())
                          && Integer.valueOf(1).equals(st.getReplicas())
                          && !events.contains(who + " rolled out")) {
                        events.add(who + " rolled out");
                      }
                    }

                    @Override
                    public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {}
                  })) {
        edit(m -> m.getSpec().setVersion(NEW));
        awaitStatus(
            m -> {
              assertThat(m.getStatus().getActiveRevision()).isEqualTo(newRev);
              assertThat(m.getStatus().getRevisions().get(0).getRestartedDeployments())
                  .isEqualTo(2);
            });
        await().atMost(BOUND).untilAsserted(() -> assertThat(events).contains("b rolled out"));
        assertThat(events.indexOf("a rolled out"))
            .as("one at a time: %s", events)
            .isNotNegative()
            .isLessThan(events.indexOf("b restarted"));
      }
      assertThat(
              client
                  .apps()
                  .deployments()
                  .inNamespace(pinned)
                  .withName("c")
                  .get()
                  .getSpec()
                  .getTemplate()
                  .getMetadata()
                  .getAnnotations())
          .as("a namespace pinned to the old revision is not migrated")
          .doesNotContainKey(RestartPlanner.RESTARTED_FOR);
    } finally {
      client.namespaces().withName(migrated).delete();
      client.namespaces().withName(pinned).delete();
    }
  }

  @Test
  void aRestartThatNeverRollsOutStopsTheRestartsAndSaysWhichUntilItDoes() {
    String oldRev = name + "-1-29-6";
    String newRev = name + "-1-30-4";
    String apps = restartingWithAnInjectedNamespace(oldRev, 1, 3);
    for (String app : java.util.List.of("a", "b")) {
      client.resource(oldRevisionDeployment(apps, app, oldRev)).create();
    }
    await()
        .atMost(BOUND)
        .until(
            () ->
                client.apps().deployments().inNamespace(apps).list().getItems().stream()
                    .allMatch(
                        d -> Integer.valueOf(1).equals(d.getStatus().getAvailableReplicas())));
    // Someone paused "a": its restart will not roll out.
    setPaused(apps, "a", true);

    edit(m -> m.getSpec().setVersion(NEW));
    var stuck =
        MeshAssert.of(client, name).awaitReason(Conditions.WORKLOADS_RESTARTED, "RolloutTimedOut");
    assertThat(stuck.getMessage()).contains(apps + "/Deployment/a");
    assertThat(restartedFor(apps, "a")).isEqualTo(newRev);
    assertThat(restartedFor(apps, "b")).as("no batch after a stuck one").isNull();
    MeshAssert.of(client, name).awaitWarningEvent("RolloutTimedOut");
    assertThat(MeshAssert.of(client, name).current().getStatus().getActiveRevision())
        .isEqualTo(newRev);

    setPaused(apps, "a", false);
    MeshAssert.of(client, name).awaitReason(Conditions.WORKLOADS_RESTARTED, "Restarted");
    assertThat(restartedFor(apps, "b")).isEqualTo(newRev);
    client.namespaces().withName(apps).delete();
  }

  @Test
  void statefulSetsAndDaemonSetsAreRestartedToo() {
    String oldRev = name + "-1-29-6";
    String newRev = name + "-1-30-4";
    String apps = restartingWithAnInjectedNamespace(oldRev, 2, null);
    Deployment template = oldRevisionDeployment(apps, "db", oldRev);
    client
        .resource(
            new io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder()
                .withNewMetadata()
                .withName("db")
                .withNamespace(apps)
                .endMetadata()
                .withNewSpec()
                .withServiceName("db")
                .withReplicas(1)
                .withSelector(template.getSpec().getSelector())
                .withTemplate(template.getSpec().getTemplate())
                .endSpec()
                .build())
        .create();
    Deployment agentTemplate = oldRevisionDeployment(apps, "agent", oldRev);
    client
        .resource(
            new io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder()
                .withNewMetadata()
                .withName("agent")
                .withNamespace(apps)
                .endMetadata()
                .withNewSpec()
                .withSelector(agentTemplate.getSpec().getSelector())
                .withTemplate(agentTemplate.getSpec().getTemplate())
                .endSpec()
                .build())
        .create();
    awaitStatus(
        m ->
            assertThat(m.getStatus().getRevisions().get(0).getWorkloads())
                .contains(apps + "/StatefulSet/db", apps + "/DaemonSet/agent"));

    edit(m -> m.getSpec().setVersion(NEW));
    MeshAssert.of(client, name).awaitReason(Conditions.WORKLOADS_RESTARTED, "Restarted");
    assertThat(
            client
                .apps()
                .statefulSets()
                .inNamespace(apps)
                .withName("db")
                .get()
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations())
        .containsEntry(RestartPlanner.RESTARTED_FOR, newRev);
    assertThat(
            client
                .apps()
                .daemonSets()
                .inNamespace(apps)
                .withName("agent")
                .get()
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations())
        .containsEntry(RestartPlanner.RESTARTED_FOR, newRev);
    assertThat(
            MeshAssert.of(client, name)
                .current()
                .getStatus()
                .getRevisions()
                .get(0)
                .getRestartedDeployments())
        .isEqualTo(2);
    client.namespaces().withName(apps).delete();
  }

  /**
   * Creates the installation on the old version with workload restarts on, waits for it, and
   * returns a namespace injected through the default tag, for the test's workloads.
   */
  private String restartingWithAnInjectedNamespace(
      String oldRev, int batchSize, Integer rolloutTimeoutSeconds) {
    mesh =
        create(
            strategy -> {
              var restart = new dev.meshoperator.api.v1alpha1.WorkloadRestartSpec();
              restart.setEnabled(true);
              restart.setBatchSize(batchSize);
              restart.setRolloutTimeoutSeconds(rolloutTimeoutSeconds);
              strategy.setWorkloadRestart(restart);
            });
    awaitStatus(m -> assertThat(m.getStatus().getActiveRevision()).isEqualTo(oldRev));
    String apps = name + "-apps";
    client
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(apps)
                .addToLabels("istio-injection", "enabled")
                .endMetadata()
                .build())
        .create();
    return apps;
  }

  private void setPaused(String ns, String app, boolean paused) {
    client
        .apps()
        .deployments()
        .inNamespace(ns)
        .withName(app)
        .edit(
            d -> {
              d.getSpec().setPaused(paused);
              return d;
            });
  }

  private String restartedFor(String ns, String app) {
    var annotations =
        client
            .apps()
            .deployments()
            .inNamespace(ns)
            .withName(app)
            .get()
            .getSpec()
            .getTemplate()
            .getMetadata()
            .getAnnotations();
    return annotations == null ? null : annotations.get(RestartPlanner.RESTARTED_FOR);
  }

  /** A workload whose pods say they were injected by {@code revision} (no istiod runs here). */
  private static Deployment oldRevisionDeployment(String ns, String app, String revision) {
    return new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder()
        .withNewMetadata()
        .withName(app)
        .withNamespace(ns)
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withNewSelector()
        .addToMatchLabels("app", app)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", app)
        .addToLabels("istio.io/rev", revision)
        .addToLabels("sidecar.istio.io/inject", "false")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName(app)
        .withImage("example.com/" + app + ":1")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private String namedTagTarget(String tag) {
    return client
        .admissionRegistration()
        .v1()
        .mutatingWebhookConfigurations()
        .withName("istio-revision-tag-" + tag + "-" + name)
        .get()
        .getMetadata()
        .getLabels()
        .get("istio.io/rev");
  }

  @Test
  void nodeAgentsRollInPlaceIstioCniBeforeZtunnel() throws Exception {
    mesh =
        client
            .resource(
                Installations.of(
                    name,
                    spec -> {
                      spec.setVersion(OLD);
                      spec.setProfile(Profile.AMBIENT);
                    }))
            .create();
    awaitStatus(m2 -> {});

    // Record, in order, when each DaemonSet first asks for the new version and when istio-cni
    // has it on every node.
    java.util.List<String> events =
        java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    try (var watch =
        client
            .apps()
            .daemonSets()
            .inNamespace(name)
            .watch(
                new io.fabric8.kubernetes.client.Watcher<>() {
                  @Override
                  public void eventReceived(
                      Action action, io.fabric8.kubernetes.api.model.apps.DaemonSet ds) {
                    String image =
                        ds.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
                    String who = ds.getMetadata().getName();
                    if (image.contains(NEW)) {
                      if (!events.contains(who + " asks " + NEW)) {
                        events.add(who + " asks " + NEW);
                      }
                      var st = ds.getStatus();
                      if (st != null
                          && st.getUpdatedNumberScheduled() != null
                          && st.getUpdatedNumberScheduled().equals(st.getDesiredNumberScheduled())
                          && st.getObservedGeneration() >= ds.getMetadata().getGeneration()
                          && !events.contains(who + " rolled " + NEW)) {
                        events.add(who + " rolled " + NEW);
                      }
                    }
                  }

                  @Override
                  public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {}
                })) {
      edit(x -> x.getSpec().setVersion(NEW));
      awaitStatus(
          x ->
              assertThat(x.getStatus().getComponents())
                  .allSatisfy(c -> assertThat(c.getReady()).isEqualTo("True")));
      await().atMost(BOUND).untilAsserted(() -> assertThat(events).contains("ztunnel asks " + NEW));
      assertThat(events.indexOf("istio-cni-node rolled " + NEW))
          .as("events: %s", events)
          .isNotNegative()
          .isLessThan(events.indexOf("ztunnel asks " + NEW));
    }
  }

  private Pod injectedPod(String revision) {
    String ns = name + "-apps";
    client
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .create();
    return client
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("app")
                .withNamespace(ns)
                .addToLabels("istio.io/rev", revision)
                .addToLabels("sidecar.istio.io/inject", "false")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage("example.com/app:1")
                .endContainer()
                .endSpec()
                .build())
        .create();
  }

  private Deployment istiod(String revision) {
    return client.apps().deployments().inNamespace(name).withName("istiod-" + revision).get();
  }

  private String tagTarget() {
    MutatingWebhookConfiguration tag =
        client
            .admissionRegistration()
            .v1()
            .mutatingWebhookConfigurations()
            .withName("istio-revision-tag-default-" + name)
            .get();
    String service = tag.getWebhooks().get(0).getClientConfig().getService().getName();
    assertThat(service).isEqualTo("istiod-" + tag.getMetadata().getLabels().get("istio.io/rev"));
    return tag.getMetadata().getLabels().get("istio.io/rev");
  }

  private MeshInstallation create(Consumer<UpdateStrategy> strategy) {
    UpdateStrategy updateStrategy = new UpdateStrategy();
    updateStrategy.setType(UpdateStrategy.Type.REVISION_BASED);
    strategy.accept(updateStrategy);
    return client
        .resource(
            Installations.of(
                name,
                spec -> {
                  spec.setVersion(OLD);
                  spec.setProfile(Profile.MINIMAL);
                  spec.setUpdateStrategy(updateStrategy);
                }))
        .create();
  }

  private void edit(Consumer<MeshInstallation> change) {
    MeshEdits.edit(client, name, change);
  }

  /** Waits for a reconciled, Ready status of the current generation that satisfies the check. */
  private void awaitStatus(Consumer<MeshInstallation> check) {
    MeshAssert.of(client, name).awaitReady(check);
  }
}
