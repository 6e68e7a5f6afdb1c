package dev.meshoperator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.localcluster.ApiserverOutage;
import dev.meshoperator.localcluster.KwokctlPorts;
import dev.meshoperator.testing.AuditLog;
import dev.meshoperator.testing.AuditedCluster;
import dev.meshoperator.testing.Installations;
import dev.meshoperator.testing.MeshAssert;
import dev.meshoperator.testing.PackagedOperator;
import dev.meshoperator.testing.Tiers;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * kube-apiserver killed in the middle of an install and gone for 30 s: the operator, a packaged
 * process under the image's JVM settings, waits it out with backoff (little CPU, no flood of
 * requests when the server returns), stays live (a 30 s outage is no reason to restart it), and
 * converges from what the cluster holds once the server is back. (The client retries the cut
 * request with backoff for longer than the outage, so the reconcile may fail or merely wait.) The
 * API server's audit log places the outage inside the apply and counts the requests after it.
 *
 * <p>The API server is told another one runs beside it, as in a highly available control plane: it
 * then waits five seconds before establishing a CRD, and the outage lands inside that wait for the
 * first of Istio's CRDs. The restarted server never establishes that CRD by itself until its
 * informer resyncs, five minutes later; the install is Ready within the bound only because the
 * operator touches the stalled CRD. The touch leaves nothing behind.
 */
@Tag(Tiers.PACKAGED)
class ApiserverOutageIT {

  private static final Duration OUTAGE = Duration.ofSeconds(30);
  private static final Duration BOUND = Duration.ofMinutes(3);

  @Test
  void anApiserverOutageMidApplyIsWaitedOutAndTheInstallFinishes() throws Exception {
    try (AuditedCluster cluster =
        AuditedCluster.start("apiserver-outage-it", 1, Map.of("apiserver-count", "2"))) {
      KubernetesClient admin = cluster.admin();
      AuditLog audit = cluster.audit();
      int port = PackagedOperator.freePort();
      // One write at a time, Istio's CRDs among them: the apply then lasts long enough for the
      // outage to land inside it.
      try (PackagedOperator operator =
          cluster
              .startOperator(
                  Map.of(
                      "QUARKUS_HTTP_PORT",
                      Integer.toString(port),
                      "MESH_APPLY_PARALLELISM",
                      "1",
                      "MESH_ISTIO_CRDS_ON_START",
                      "false"),
                  "operator.log")
              .awaitStarted(BOUND)) {
        await().atMost(BOUND).until(() -> operator.get("/q/health/ready").statusCode() == 200);
        audit.awaitQuiet(2_000, BOUND.toMillis());

        // The ports' lock first: waiting for it later could miss the moment the outage must hit.
        // Held to the end: the controller manager and scheduler the outage restarts bind their
        // ports a moment after it ends, and no cluster created meanwhile may pick them.
        KwokctlPorts ports = KwokctlPorts.hold();
        MeshInstallation mesh;
        long cpuDuring;
        try {
          long offset = audit.mark();
          mesh = admin.resource(Installations.of("outage", spec -> {})).create();
          // The first of Istio's CRDs written and named: the outage lands inside the five seconds
          // the server waits before establishing it.
          audit.awaitRequest(
              offset, request -> request.equals("patch customresourcedefinitions"), 30_000);
          await()
              .atMost(Duration.ofSeconds(4))
              .pollInterval(Duration.ofMillis(20))
              .until(() -> namedNotEstablished(admin));
          ApiserverOutage outage = cluster.cluster().stopApiserver(ports);
          long stoppedAt = System.nanoTime();
          try {
            Map<String, Integer> beforeOutage = audit.since(offset);
            assertThat(AuditLog.writes(beforeOutage)).as("writes before the outage").isPositive();
            assertThat(beforeOutage)
                .as("the outage began before istiod's Deployment was written")
                .doesNotContainKey("patch deployments");

            long cpuAtStop = operator.cpuMillis();
            long left = OUTAGE.toNanos() - (System.nanoTime() - stoppedAt);
            Thread.sleep(Math.max(0, left / 1_000_000));
            cpuDuring = operator.cpuMillis() - cpuAtStop;
            assertThat(operator.get("/q/health/live").statusCode())
                .as("liveness after %s without an API server", OUTAGE)
                .isEqualTo(200);
            assertThat(cpuDuring)
                .as("CPU the operator spent in %s without an API server (no hot loop)", OUTAGE)
                .isLessThan(3_000);
          } finally {
            outage.end();
          }

          long returned = audit.mark();
          MeshAssert.of(admin, mesh).within(BOUND).awaitReady();
          assertThat(operator.isAlive()).isTrue();
          await().atMost(BOUND).until(() -> operator.get("/q/health/ready").statusCode() == 200);
          audit.awaitQuiet(3_000, BOUND.toMillis());
          Map<String, Integer> afterOutage = audit.since(returned);
          System.err.printf(
              "apiserver-outage-it: %d ms of CPU during the %s outage; from the return to quiet:"
                  + " %d requests, %d writes %s%n",
              cpuDuring,
              OUTAGE,
              AuditLog.total(afterOutage),
              AuditLog.writes(afterOutage),
              afterOutage);
          assertThat(AuditLog.total(afterOutage))
              .as("requests from the API server's return to a quiet operator: %s", afterOutage)
              .isLessThan(300);
          assertThat(admin.apps().deployments().inNamespace("outage").withName("istiod").get())
              .isNotNull();
          assertThat(Files.readString(operator.log()))
              .as("the operator's log")
              .contains("is not established: touching it");
          for (CustomResourceDefinition crd :
              admin.apiextensions().v1().customResourceDefinitions().list().getItems()) {
            assertThat(crd.getMetadata().getAnnotations())
                .as("annotations of %s", crd.getMetadata().getName())
                .doesNotContainKey("mesh.operator.dev/establish-requested");
            assertThat(crd.getMetadata().getManagedFields())
                .as("managers of %s", crd.getMetadata().getName())
                .noneMatch(
                    m ->
                        "mesh-operator".equals(m.getManager())
                            && "Update".equals(m.getOperation()));
          }

          long quiet = audit.mark();
          Thread.sleep(10_000);
          assertThat(AuditLog.writes(audit.since(quiet)))
              .as("writes once converged (no drift loop)")
              .isZero();
        } finally {
          ports.close();
        }
      }
    }
  }

  private static boolean namedNotEstablished(KubernetesClient admin) {
    return admin.apiextensions().v1().customResourceDefinitions().list().getItems().stream()
        .filter(crd -> crd.getSpec().getGroup().endsWith("istio.io"))
        .anyMatch(crd -> ClusterCrds.namedNotEstablishedSince(crd).isPresent());
  }
}
