package dev.meshoperator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshoperator.localcluster.CrdInstaller;
import dev.meshoperator.localcluster.LocalCluster;
import dev.meshoperator.testing.Namespaces;
import dev.meshoperator.testing.OwnCluster;
import dev.meshoperator.testing.PackagedOperator;
import dev.meshoperator.testing.Tiers;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A watch that stops for good makes the packaged operator's liveness probe fail (so the kubelet
 * restarts it) and shows in a metric, instead of leaving a process that looks healthy and
 * reconciles nothing. The fault: a MeshInstallation the operator's model cannot read, which the API
 * server accepts because its CRD is not the one this operator ships (a CRD left by another operator
 * release, say): here one whose spec schema accepts anything.
 */
@Tag(Tiers.PACKAGED)
class WatchLivenessIT {

  private static final String NAMESPACE = "mesh-operator";

  @Test
  void aStoppedWatchFailsLivenessAndIsCounted() throws Exception {
    try (LocalCluster cluster = OwnCluster.start("watch-liveness-it");
        KubernetesClient admin = cluster.newClient()) {
      CustomResourceDefinition crd =
          Serialization.unmarshal(
              java.nio.file.Files.readString(
                  Path.of("src/main/resources/crds/meshinstallations.mesh.operator.dev-v1.yml")),
              CustomResourceDefinition.class);
      crd.getSpec()
          .getVersions()
          .get(0)
          .getSchema()
          .getOpenAPIV3Schema()
          .getProperties()
          .put(
              "spec",
              new JSONSchemaPropsBuilder()
                  .withType("object")
                  .withXKubernetesPreserveUnknownFields(true)
                  .build());
      CrdInstaller.install(admin, crd);
      Namespaces.apply(admin, NAMESPACE, Map.of());
      String account = PackagedOperator.installGeneratedRbac(admin, NAMESPACE);
      int port = freePort();
      try (PackagedOperator operator =
          PackagedOperator.start(
              cluster.clientConfig(),
              NAMESPACE,
              PackagedOperator.token(admin, NAMESPACE, account),
              // Plain metrics, as a user may ask for them: the gauge on the HTTP port.
              Map.of(
                  "QUARKUS_HTTP_PORT",
                  Integer.toString(port),
                  "MESH_WATCH_LIVENESS_GRACE",
                  "3s",
                  "MESH_METRICS_SECURE",
                  "false"),
              List.of(),
              Path.of("target/watch-liveness-it-operator.log"))) {
        await()
            .atMost(Duration.ofSeconds(60))
            .ignoreExceptions()
            .until(() -> get(port, "/q/health/live").statusCode() == 200);
        // Liveness answers as soon as the HTTP server is up; the registry fills a moment later.
        await()
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .untilAsserted(
                () ->
                    assertThat(get(port, "/q/metrics").body())
                        .contains("mesh_operator_stopped_watches 0.0"));

        admin
            .genericKubernetesResources("mesh.operator.dev/v1alpha1", "MeshInstallation")
            .resource(
                new GenericKubernetesResourceBuilder()
                    .withApiVersion("mesh.operator.dev/v1alpha1")
                    .withKind("MeshInstallation")
                    .withNewMetadata()
                    .withName("unreadable")
                    .endMetadata()
                    .addToAdditionalProperties(
                        "spec", Map.of("components", Map.of("pilot", Map.of("replicas", "three"))))
                    .build())
            .create();

        await()
            .atMost(Duration.ofSeconds(90))
            .untilAsserted(
                () -> {
                  assertThat(operator.isAlive()).isTrue();
                  HttpResponse<String> live = get(port, "/q/health/live");
                  assertThat(live.statusCode()).as(live.body()).isEqualTo(503);
                  assertThat(live.body()).contains("mesh-operator watches", "meshinstallation");
                });
        assertThat(get(port, "/q/metrics").body())
            .containsPattern("mesh_operator_stopped_watches [1-9]");
      }
    }
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
