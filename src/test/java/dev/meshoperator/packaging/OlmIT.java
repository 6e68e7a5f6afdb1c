package dev.meshoperator.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.localcluster.CrdInstaller;
import dev.meshoperator.localcluster.LocalCluster;
import dev.meshoperator.localcluster.OneBuildAtATime;
import dev.meshoperator.status.Conditions;
import dev.meshoperator.testing.DeployedOperator;
import dev.meshoperator.testing.Installations;
import dev.meshoperator.testing.MeshAssert;
import dev.meshoperator.testing.Namespaces;
import dev.meshoperator.testing.OwnCluster;
import dev.meshoperator.testing.PackagedOperator;
import dev.meshoperator.testing.Tiers;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * OLM itself installs and upgrades the bundle: OLM's olm and catalog operators, built from the
 * pinned operator-lifecycle-manager module (hack/olm-runtime), run against a local control plane;
 * {@code opm serve} serves a file-based catalog whose bundles carry their manifests inline, a
 * CatalogSource points at it, and a Subscription installs the bundle until its CSV succeeds. The
 * operator then runs as the Deployment OLM made says. A catalog with the next release follows, and
 * OLM upgrades along the channel.
 */
@Tag(Tiers.PACKAGED)
class OlmIT {

  private static final String OLM = "olm";
  private static final String NAMESPACE = "operators";
  private static final String SOURCE = "mesh-operators";
  private static final Duration BOUND = Duration.ofMinutes(3);
  private static final Path WORK = Path.of("target/olm-it");

  @Test
  void olmInstallsTheBundleFromItsCatalogAndUpgradesAlongTheChannel() throws Exception {
    Path runtime = Path.of(lastLine(script("hack/olm-runtime/build.sh")));
    Path opm = Path.of(lastLine(script("hack/olm/validate.sh", "--tools"))).resolve("opm");
    Files.createDirectories(WORK);
    String current = OlmBundle.releaseVersion();
    String next = OlmBundle.nextPatch(current);
    Map<String, String> first = OlmBundle.ofBuild(current, null, ImageDigests.NONE);
    Map<String, String> second =
        OlmBundle.ofBuild(next, OlmBundle.PACKAGE + ".v" + current, ImageDigests.NONE);

    try (LocalCluster cluster = OwnCluster.start("olm-it");
        KubernetesClient admin = cluster.newClient();
        Processes processes = new Processes()) {
      try (Stream<Path> crds = Files.list(runtime.resolve("crds"))) {
        for (Path crd : crds.sorted().toList()) {
          CrdInstaller.install(admin, crd);
        }
      }
      Namespaces.apply(admin, OLM, Map.of());
      Namespaces.apply(admin, NAMESPACE, Map.of());
      String kubeconfig = cluster.kubeconfig().toAbsolutePath().toString();
      processes.add(
          start(
              List.of(
                  runtime.resolve("bin/olm").toString(),
                  "--namespace",
                  OLM,
                  "--writeStatusName",
                  ""),
              kubeconfig,
              "olm.log"));
      processes.add(
          start(
              List.of(
                  runtime.resolve("bin/catalog").toString(),
                  "--namespace",
                  OLM,
                  "--writeStatusName",
                  "",
                  "--kubeconfig",
                  kubeconfig),
              kubeconfig,
              "catalog.log"));

      int firstPort = PackagedOperator.freePort();
      serve(opm, "catalog-1", List.of(current), Map.of(current, first), firstPort, processes);
      catalogSource(admin, firstPort);
      apply(admin, "OperatorGroup", NAMESPACE, "global", Map.of());
      apply(
          admin,
          "Subscription",
          NAMESPACE,
          OlmBundle.PACKAGE,
          Map.of(
              "channel",
              OlmBundle.CHANNELS.get(0),
              "name",
              OlmBundle.PACKAGE,
              "source",
              SOURCE,
              "sourceNamespace",
              OLM,
              "installPlanApproval",
              "Automatic"));

      awaitSucceeded(admin, OlmBundle.PACKAGE + ".v" + current);
      Deployment installed =
          admin.apps().deployments().inNamespace(NAMESPACE).withName("mesh-operator").get();
      assertThat(DeployedOperator.container(installed).getImage()).endsWith(":" + current);
      MeshInstallation mesh = Installations.of("olm-installed", spec -> {});
      try (PackagedOperator operator =
          DeployedOperator.start(
              admin,
              cluster.clientConfig(),
              installed,
              "olm-v" + current,
              WORK.resolve("operator-v" + current + ".log"))) {
        admin.resource(mesh).create();
        MeshAssert.of(admin, mesh)
            .within(BOUND)
            .awaitStatus(
                status -> {
                  assertThat(operator.isAlive()).as("see %s", operator.log()).isTrue();
                  assertThat(MeshAssert.requireCondition(status, Conditions.READY).getStatus())
                      .isEqualTo("True");
                });
      }

      // The next release joins the channel; OLM upgrades the subscription to it.
      int secondPort = PackagedOperator.freePort();
      serve(
          opm,
          "catalog-2",
          List.of(current, next),
          Map.of(current, first, next, second),
          secondPort,
          processes);
      catalogSource(admin, secondPort);
      awaitSucceeded(admin, OlmBundle.PACKAGE + ".v" + next);
      await()
          .atMost(BOUND)
          .untilAsserted(
              () ->
                  assertThat(
                          DeployedOperator.container(
                                  admin
                                      .apps()
                                      .deployments()
                                      .inNamespace(NAMESPACE)
                                      .withName("mesh-operator")
                                      .get())
                              .getImage())
                      .endsWith(":" + next));
      await()
          .atMost(BOUND)
          .untilAsserted(
              () ->
                  assertThat(csvs(admin).withName(OlmBundle.PACKAGE + ".v" + current).get())
                      .as("the replaced CSV")
                      .isNull());
    }
  }

  /** Processes the test started; closed before the cluster they talk to. */
  private static final class Processes implements AutoCloseable {
    private final List<Process> started = new ArrayList<>();

    void add(Process process) {
      started.add(process);
    }

    @Override
    public void close() throws InterruptedException {
      for (Process process : started) {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    }
  }

  /** {@code opm serve} of a catalog of {@code versions} on {@code port}, once it answers. */
  private static void serve(
      Path opm,
      String name,
      List<String> versions,
      Map<String, Map<String, String>> bundles,
      int port,
      Processes processes)
      throws Exception {
    Path catalog = WORK.resolve(name).resolve(OlmBundle.PACKAGE);
    Files.createDirectories(catalog);
    Files.writeString(catalog.resolve("catalog.yaml"), OlmBundle.catalog(versions, bundles));
    Process serve =
        new ProcessBuilder(
                opm.toString(),
                "serve",
                catalog.getParent().toAbsolutePath().toString(),
                "--port",
                Integer.toString(port),
                // Two of them run at once: neither on the default 6060.
                "--pprof-addr",
                "127.0.0.1:" + PackagedOperator.freePort())
            .redirectErrorStream(true)
            .redirectOutput(WORK.resolve(name + "-opm.log").toFile())
            .start();
    processes.add(serve);
    await()
        .atMost(BOUND)
        .failFast("opm serve exited; see " + name + "-opm.log", () -> !serve.isAlive())
        .ignoreExceptions()
        .until(
            () -> {
              try (Socket socket = new Socket("127.0.0.1", port)) {
                return true;
              }
            });
  }

  private static Process start(List<String> command, String kubeconfig, String log)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(WORK.resolve(log).toFile());
    builder.environment().put("KUBECONFIG", kubeconfig);
    return builder.start();
  }

  private static void awaitSucceeded(KubernetesClient admin, String csv) {
    await()
        .atMost(BOUND)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              GenericKubernetesResource found = csvs(admin).withName(csv).get();
              assertThat(found)
                  .as("CSV %s; subscription status %s", csv, subscriptionStatus(admin))
                  .isNotNull();
              Map<String, Object> status = found.get("status");
              assertThat(status == null ? null : status.get("phase"))
                  .as("CSV %s: %s", csv, status)
                  .isEqualTo("Succeeded");
            });
  }

  private static Object subscriptionStatus(KubernetesClient admin) {
    GenericKubernetesResource subscription =
        olm(admin, "Subscription").inNamespace(NAMESPACE).withName(OlmBundle.PACKAGE).get();
    return subscription == null ? null : subscription.get("status");
  }

  private static NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      csvs(KubernetesClient admin) {
    return olm(admin, "ClusterServiceVersion").inNamespace(NAMESPACE);
  }

  private static MixedOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      olm(KubernetesClient admin, String kind) {
    return admin.genericKubernetesResources(apiVersion(kind), kind);
  }

  /** The CatalogSource, pointed at the catalog {@code opm serve} serves on {@code port}. */
  private static void catalogSource(KubernetesClient admin, int port) {
    apply(
        admin,
        "CatalogSource",
        OLM,
        SOURCE,
        Map.of(
            "sourceType", "grpc",
            "address", "127.0.0.1:" + port,
            "displayName", "mesh-operator"));
  }

  private static String apiVersion(String kind) {
    return "OperatorGroup".equals(kind)
        ? "operators.coreos.com/v1"
        : "operators.coreos.com/v1alpha1";
  }

  private static void apply(
      KubernetesClient admin,
      String kind,
      String namespace,
      String name,
      Map<String, Object> spec) {
    GenericKubernetesResource object =
        new GenericKubernetesResourceBuilder()
            .withApiVersion(apiVersion(kind))
            .withKind(kind)
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .endMetadata()
            .addToAdditionalProperties("spec", spec)
            .build();
    olm(admin, kind).inNamespace(namespace).resource(object).forceConflicts().serverSideApply();
  }

  private static String script(String... command) throws Exception {
    Process process =
        new ProcessBuilder(OneBuildAtATime.command(command)).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as("%s: %s", String.join(" ", command), output).isZero();
    return output;
  }

  private static String lastLine(String output) {
    String[] lines = output.strip().split("\n");
    return lines[lines.length - 1].strip();
  }
}
