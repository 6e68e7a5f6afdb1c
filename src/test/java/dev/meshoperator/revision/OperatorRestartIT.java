package dev.meshoperator.revision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.api.v1alpha1.RevisionStatus;
import dev.meshoperator.api.v1alpha1.UpdateStrategy;
import dev.meshoperator.localcluster.CrdInstaller;
import dev.meshoperator.testing.Installations;
import dev.meshoperator.testing.LocalClusterExtension;
import dev.meshoperator.testing.MeshAssert;
import dev.meshoperator.testing.MeshEdits;
import dev.meshoperator.testing.PackagedOperator;
import dev.meshoperator.testing.SharedLocalCluster;
import dev.meshoperator.testing.TestNamespace;
import dev.meshoperator.testing.Tiers;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged operator is stopped in the middle of a manual canary upgrade and started again: the
 * new process finds both revisions and the default tag where they were, changes nothing by itself,
 * and finishes the upgrade when asked.
 */
@ExtendWith(LocalClusterExtension.class)
@Tag(Tiers.CLUSTER)
class OperatorRestartIT {

  private static final String SHARD_LABEL = "mesh.operator.dev/operator-under-test";
  private static final Duration BOUND = Duration.ofSeconds(120);

  @Test
  void aRestartedOperatorResumesAnUpgradeWhereItWas(KubernetesClient admin, TestNamespace ns)
      throws Exception {
    CrdInstaller.install(
        admin, Path.of("src/main/resources/crds/meshinstallations.mesh.operator.dev-v1.yml"));
    String account = PackagedOperator.installGeneratedRbac(admin, ns.name());
    String token = PackagedOperator.token(admin, ns.name(), account);
    String name = "rs-" + ns.name();
    String oldRev = name + "-1-29-6";
    String newRev = name + "-1-30-4";

    PackagedOperator operator = start(ns.name(), token, "target/operator-restart-it-1.log");
    MeshInstallation mesh = admin.resource(installation(name)).create();
    try {
      awaitStatus(
          admin, name, m -> assertThat(m.getStatus().getActiveRevision()).isEqualTo(oldRev));
      edit(admin, name, m -> m.getSpec().setVersion("1.30.4"));
      awaitStatus(
          admin,
          name,
          m ->
              assertThat(m.getStatus().getRevisions())
                  .extracting(RevisionStatus::getName, RevisionStatus::getReady)
                  .containsExactly(
                      org.assertj.core.groups.Tuple.tuple(oldRev, "True"),
                      org.assertj.core.groups.Tuple.tuple(newRev, "True")));
      String oldUid = istiodUid(admin, name, oldRev);
      String newUid = istiodUid(admin, name, newRev);

      operator.close();
      operator = start(ns.name(), token, "target/operator-restart-it-2.log");
      PackagedOperator restarted = operator;
      // The new process reconciles on start; give it time to (not) act.
      await()
          .pollDelay(Duration.ofSeconds(10))
          .atMost(BOUND)
          .untilAsserted(() -> assertThat(restarted.isAlive()).isTrue());
      MeshInstallation current = admin.resource(mesh).get();
      assertThat(current.getStatus().getActiveRevision()).isEqualTo(oldRev);
      assertThat(istiodUid(admin, name, oldRev)).isEqualTo(oldUid);
      assertThat(istiodUid(admin, name, newRev)).isEqualTo(newUid);

      edit(admin, name, m -> m.getSpec().getUpdateStrategy().setPromotedVersion("1.30.4"));
      awaitStatus(
          admin, name, m -> assertThat(m.getStatus().getActiveRevision()).isEqualTo(newRev));
      assertThat(istiodUid(admin, name, newRev)).isEqualTo(newUid);
    } finally {
      // Deleted while an operator runs, as the other tests of this cluster expect.
      admin.resource(mesh).delete();
      await().atMost(BOUND).until(() -> admin.resource(mesh).get() == null);
      operator.close();
    }
  }

  private static PackagedOperator start(String namespace, String token, String log)
      throws Exception {
    return PackagedOperator.start(
        SharedLocalCluster.get().clientConfig(),
        namespace,
        token,
        Map.of(),
        PackagedOperator.shardedTo(SHARD_LABEL),
        Path.of(log));
  }

  private static MeshInstallation installation(String name) {
    UpdateStrategy strategy = new UpdateStrategy();
    strategy.setType(UpdateStrategy.Type.REVISION_BASED);
    strategy.setPromotion(UpdateStrategy.Promotion.MANUAL);
    return Installations.labelled(
        name,
        SHARD_LABEL,
        spec -> {
          spec.setVersion("1.29.6");
          spec.setProfile(Profile.MINIMAL);
          spec.setUpdateStrategy(strategy);
        });
  }

  private static String istiodUid(KubernetesClient admin, String ns, String revision) {
    return admin
        .apps()
        .deployments()
        .inNamespace(ns)
        .withName("istiod-" + revision)
        .get()
        .getMetadata()
        .getUid();
  }

  private static void edit(KubernetesClient admin, String name, Consumer<MeshInstallation> change) {
    MeshEdits.edit(admin, name, change);
  }

  private static void awaitStatus(
      KubernetesClient admin, String name, Consumer<MeshInstallation> check) {
    MeshAssert.of(admin, name).within(BOUND).awaitCurrent(check);
  }
}
