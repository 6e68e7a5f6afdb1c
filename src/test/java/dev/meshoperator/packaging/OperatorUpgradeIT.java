package dev.meshoperator.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.MeshInstallationStatus;
import dev.meshoperator.status.Conditions;
import dev.meshoperator.testing.AuditLog;
import dev.meshoperator.testing.AuditedCluster;
import dev.meshoperator.testing.Installations;
import dev.meshoperator.testing.MeshAssert;
import dev.meshoperator.testing.OperatorBuild;
import dev.meshoperator.testing.PackagedOperator;
import dev.meshoperator.testing.Tiers;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An operator upgrade, as a user makes it: the previous release's packaged operator installs
 * ambient Istio without a version, then its CRD, RBAC and process are replaced by this build's. The
 * new operator reconciles and writes nothing but status: no object of the installation is written,
 * no workload is rolled or recreated, the release stays (docs/upgrades.md, "Operator upgrades"). A
 * render change that rolls a released installation fails here unless {@code
 * hack/previous-release/rolls} declares it, for the release notes.
 */
@Tag(Tiers.PACKAGED)
class OperatorUpgradeIT {

  private static final Duration BOUND = Duration.ofMinutes(3);
  private static final String NAMESPACE = "istio-system";

  @Test
  void replacingThePreviousReleaseMovesNothingItInstalled() throws Exception {
    OperatorBuild previous = OperatorBuild.previousRelease();
    OperatorBuild current = OperatorBuild.current();
    try (AuditedCluster cluster =
        AuditedCluster.start("operator-upgrade-it", 3, Map.of(), previous)) {
      KubernetesClient admin = cluster.admin();
      AuditLog audit = cluster.audit();
      MeshInstallation mesh;
      try (PackagedOperator operator =
          cluster.startOperator(previous, Map.of(), "previous.log").awaitStarted(BOUND)) {
        mesh = admin.resource(Installations.ambient("upgraded")).create();
        MeshAssert.of(admin, mesh).within(BOUND).awaitReady();
        audit.awaitQuiet(3_000, BOUND.toMillis());
      }
      cluster.handOverLeadership();
      MeshInstallationStatus before = admin.resource(mesh).get().getStatus();
      SortedSet<String> workloads = workloads(admin);
      assertThat(workloads).as("what the previous release installed").isNotEmpty();

      long offset = audit.mark();
      cluster.install(current);
      int port = PackagedOperator.freePort();
      try (PackagedOperator operator =
          cluster
              .startOperator(
                  current,
                  // Plain metrics: a secure scrape's token reviews would count among the
                  // requests of the operator this test audits.
                  Map.of(
                      "QUARKUS_HTTP_PORT", Integer.toString(port), "MESH_METRICS_SECURE", "false"),
                  "current.log")
              .awaitStarted(BOUND)) {
        // It has reconciled the installation at least once, and then gone quiet.
        await()
            .atMost(BOUND)
            .untilAsserted(
                () ->
                    assertThat(operator.get("/q/metrics").body())
                        .containsPattern(
                            "reconciliations_success_total\\{controller_name=\"meshinstallation\"}"
                                + " [1-9]"));
        audit.awaitQuiet(5_000, BOUND.toMillis());

        List<String> declared = declared("rolls");
        List<String> rewritten = declared("writes");
        SortedSet<String> written =
            audit.writtenObjects(offset, resource -> resource.equals("events"));
        assertThat(written)
            .as("objects this build wrote after the upgrade")
            .containsExactlyInAnyOrderElementsOf(
                Stream.concat(declared.stream(), rewritten.stream())
                    .map(OperatorUpgradeIT::writtenObject)
                    .toList());
        SortedSet<String> now = workloads(admin);
        assertThat(without(now, declared))
            .as("workloads, their generations, ReplicaSets, revisions and pods")
            .isEqualTo(without(workloads, declared));
        for (String roll : declared) {
          assertThat(only(now, roll))
              .as("%s, declared to roll", roll)
              .isNotEqualTo(only(workloads, roll));
        }
        MeshInstallation after = admin.resource(mesh).get();
        assertThat(after.getStatus().getVersion()).isEqualTo(before.getVersion());
        assertThat(after.getStatus().getVersionSource()).isEqualTo(before.getVersionSource());
        assertThat(after.getStatus().getActiveRevision()).isEqualTo(before.getActiveRevision());
        assertThat(MeshAssert.requireCondition(after, Conditions.READY).getStatus())
            .isEqualTo("True");
        var reconciled = MeshAssert.requireCondition(after, Conditions.RECONCILED);
        assertThat(reconciled.getStatus()).as("this build takes the spec").isEqualTo("True");
        assertThat(reconciled.getObservedGeneration())
            .isEqualTo(after.getMetadata().getGeneration());
      }
    }
  }

  /**
   * The rolls {@code hack/previous-release/rolls} declares, each as "Kind name" of a Deployment or
   * DaemonSet.
   */
  /** The workloads (rolls) or other objects (writes) an upgrade changes on purpose. */
  private static List<String> declared(String file) throws IOException {
    return Files.readAllLines(Path.of("hack/previous-release", file)).stream()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .toList();
  }

  /** A declared roll's workload or write's object, as {@link AuditLog#writtenObjects} names it. */
  private static String writtenObject(String roll) {
    String[] kindAndName = roll.split(" ");
    return kindAndName[0].toLowerCase(Locale.ROOT) + "s " + NAMESPACE + "/" + kindAndName[1];
  }

  /**
   * The lines of a snapshot about the declared workload {@code roll}, or its ReplicaSets and pods.
   */
  private static SortedSet<String> only(SortedSet<String> snapshot, String roll) {
    String name = roll.split(" ")[1];
    return snapshot.stream()
        .filter(line -> line.split(" ")[1].startsWith(name))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static SortedSet<String> without(SortedSet<String> snapshot, List<String> rolls) {
    SortedSet<String> rest = new TreeSet<>(snapshot);
    rolls.forEach(roll -> rest.removeAll(only(snapshot, roll)));
    return rest;
  }

  /**
   * Each Deployment and DaemonSet of the control-plane namespace with its uid and generation, and
   * each ReplicaSet, ControllerRevision and Pod with its uid: a rolled workload gets a new
   * generation and a new ReplicaSet or revision, a recreated one a new uid.
   */
  private static SortedSet<String> workloads(KubernetesClient admin) {
    var apps = admin.apps();
    Stream<HasMetadata> versioned =
        Stream.concat(
            apps.deployments().inNamespace(NAMESPACE).list().getItems().stream(),
            apps.daemonSets().inNamespace(NAMESPACE).list().getItems().stream());
    Stream<HasMetadata> owned =
        Stream.of(
                apps.replicaSets().inNamespace(NAMESPACE).list().getItems(),
                apps.controllerRevisions().inNamespace(NAMESPACE).list().getItems(),
                admin.pods().inNamespace(NAMESPACE).list().getItems())
            .flatMap(list -> list.stream().map(HasMetadata.class::cast));
    SortedSet<String> lines = new TreeSet<>();
    versioned.forEach(
        o -> lines.add(describe(o) + " generation " + o.getMetadata().getGeneration()));
    owned.forEach(o -> lines.add(describe(o)));
    return lines;
  }

  private static String describe(HasMetadata object) {
    return object.getKind()
        + " "
        + object.getMetadata().getName()
        + " "
        + object.getMetadata().getUid();
  }
}
