package dev.meshoperator.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.localcluster.LocalCluster;
import dev.meshoperator.reconcile.LeaderElectionProducer;
import dev.meshoperator.status.Conditions;
import dev.meshoperator.testing.DeployedOperator;
import dev.meshoperator.testing.Installations;
import dev.meshoperator.testing.MeshAssert;
import dev.meshoperator.testing.Namespaces;
import dev.meshoperator.testing.PackagedOperator;
import dev.meshoperator.testing.ProjectTools;
import dev.meshoperator.testing.Tiers;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The chart as a user runs it, with Helm itself (built from helm.sh/helm/v3): lint, install into a
 * namespace that enforces Pod Security "restricted", the operator from the installed Deployment
 * reconciling an installation, then an upgrade that changes the Deployment.
 */
@Tag(Tiers.PACKAGED)
class HelmChartIT {

  private static final String CHART = "helm/mesh-operator";
  private static final String NAMESPACE = "mesh-operator-system";
  private static final Duration BOUND = Duration.ofSeconds(90);

  private static LocalCluster cluster;
  private static KubernetesClient admin;
  private static Map<String, String> kubeconfig;

  @BeforeAll
  static void startCluster() {
    cluster = dev.meshoperator.testing.OwnCluster.start("helm-it");
    admin = cluster.newClient();
    kubeconfig = Map.of("KUBECONFIG", cluster.kubeconfig().toString());
  }

  @AfterAll
  static void stopCluster() {
    admin.close();
    cluster.close();
  }

  @Test
  void chartLintsCleanAndRendersItsOptions() {
    String lint = ProjectTools.check(kubeconfig, "helm", "lint", "--strict", CHART);
    assertThat(lint).contains("0 chart(s) failed").doesNotContain("[WARNING]", "[ERROR]");

    String rendered =
        template(
            "--namespace",
            NAMESPACE,
            "--set",
            "image.registry=registry.example.com",
            "--set",
            "image.digest=sha256:" + "0".repeat(64),
            "--set",
            "imagePullSecrets[0].name=pull",
            "--set",
            "priorityClassName=system-cluster-critical",
            "--set",
            "tolerations[0].key=dedicated",
            "--set",
            "serviceMonitor.enabled=true",
            "--set",
            "serviceMonitor.prometheusServiceAccount.name=prometheus-k8s",
            "--set",
            "serviceMonitor.prometheusServiceAccount.namespace=monitoring");
    assertThat(rendered)
        .contains("image: \"registry.example.com/meshoperator/mesh-operator@sha256:")
        .contains("imagePullSecrets: [{\"name\":\"pull\"}]")
        .contains("priorityClassName: \"system-cluster-critical\"")
        .contains("tolerations: [{\"key\":\"dedicated\"}]")
        .contains("kind: ServiceMonitor")
        .contains("namespace: " + NAMESPACE);
    // Secure metrics: the ServiceMonitor scrapes HTTPS with Prometheus' token, which the chart
    // binds to the reader role.
    assertThat(section(rendered, "kind: ServiceMonitor"))
        .contains("port: https-metrics", "scheme: https", "path: /metrics", "bearerTokenFile:")
        .doesNotContain("/q/metrics");
    assertThat(section(rendered, "kind: ServiceMonitor"))
        .as("the operator's own certificate is self-signed")
        .contains("insecureSkipVerify: true");
    String verified =
        template(
            "--set",
            "serviceMonitor.enabled=true",
            "--set",
            "serviceMonitor.tlsConfig.serverName=mesh-operator." + NAMESPACE + ".svc",
            "--set",
            "serviceMonitor.tlsConfig.ca.secret.name=metrics-tls",
            "--set",
            "serviceMonitor.tlsConfig.ca.secret.key=ca.crt");
    assertThat(section(verified, "kind: ServiceMonitor"))
        .contains(
            "serverName: mesh-operator." + NAMESPACE + ".svc", "name: metrics-tls", "key: ca.crt")
        .doesNotContain("insecureSkipVerify");
    assertThat(section(rendered, "name: mesh-operator-metrics-reader-prometheus-k8s"))
        .contains("kind: ClusterRoleBinding", "name: prometheus-k8s", "namespace: monitoring");

    String plain =
        template(
            "--set",
            "serviceMonitor.enabled=true",
            "--set-string",
            "app.envs.MESH_METRICS_SECURE=false");
    assertThat(section(plain, "kind: ServiceMonitor"))
        .contains("port: http", "path: /q/metrics")
        .doesNotContain("https");

    // Helm's and Kubernetes' recommended labels on every object; the selector stays the one earlier
    // releases of the chart used (a Deployment's selector cannot change).
    assertThat(section(rendered, "kind: Deployment"))
        .contains("helm.sh/chart: mesh-operator-", "app.kubernetes.io/instance: mesh")
        .containsPattern("matchLabels:\n {6}app\\.kubernetes\\.io/name: mesh-operator\n(?! {6})");
    assertThat(section(rendered, "name: mesh-operator-rbac-guard\nspec:\n  failurePolicy"))
        .contains("app.kubernetes.io/managed-by: Helm");

    // A certificate from a Secret for the HTTPS metrics.
    assertThat(
            section(template("--set", "metrics.certificateSecret=metrics-tls"), "kind: Deployment"))
        .contains("secretName: metrics-tls", "MESH_METRICS_CERT_DIR");
  }

  @Test
  void theSchemaRefusesValuesTheChartDoesNotTake() {
    assertRefused("unknown key", List.of("--set", "replica=2"), "replica");
    assertRefused("wrong type", List.of("--set", "replicas=two"), "replicas");
    assertRefused(
        "not a boolean text",
        List.of("--set-string", "app.envs.MESH_METRICS_SECURE=yes"),
        "MESH_METRICS_SECURE");
    assertRefused("bad digest", List.of("--set", "image.digest=latest"), "digest");
    assertRefused(
        "env values are text",
        List.of("--set", "app.envs.MESH_WARMUP_ROUNDS=3"),
        "MESH_WARMUP_ROUNDS");
    assertRefused(
        "set from the pod, not from values",
        List.of("--set-string", "app.envs.POD_NAME=mine"),
        "envs");
    assertRefused(
        "a ServiceAccount without its namespace",
        List.of("--set", "serviceMonitor.prometheusServiceAccount.name=prometheus"),
        "prometheusServiceAccount");
    assertRefused(
        "a certificate for plain metrics",
        List.of(
            "--set-string",
            "app.envs.MESH_METRICS_SECURE=false",
            "--set",
            "metrics.certificateSecret=metrics-tls"),
        "certificateSecret");
    assertRefused(
        "a TLS setting the ServiceMonitor does not take",
        List.of("--set", "serviceMonitor.tlsConfig.verify=true"),
        "tlsConfig");
    assertRefused(
        "an interval Prometheus refuses",
        List.of("--set", "serviceMonitor.interval=30s1m"),
        "interval");
    assertThat(template("--set-string", "app.envs.EXTRA_SETTING=on"))
        .contains("name: EXTRA_SETTING");
    assertThat(
            template(
                "--set", "serviceMonitor.enabled=true", "--set", "serviceMonitor.interval=1h30m"))
        .contains("interval: 1h30m");
  }

  private static void assertRefused(String why, List<String> options, String field) {
    ProjectTools.Result result =
        ProjectTools.run(kubeconfig, "helm", templateArgs(options.toArray(String[]::new)));
    assertThat(result.exitCode()).as("%s: %s", why, result.output()).isNotZero();
    assertThat(result.output()).as(why).contains("schema").contains(field);
  }

  /** {@code helm template mesh} of the chart with {@code options}. */
  private static String template(String... options) {
    return ProjectTools.check(kubeconfig, "helm", templateArgs(options));
  }

  /** {@code helm template mesh} of the chart, for Kubernetes 1.31, with {@code options}. */
  private static String[] templateArgs(String... options) {
    List<String> args =
        new java.util.ArrayList<>(List.of("template", "mesh", CHART, "--kube-version", "1.31.0"));
    args.addAll(List.of(options));
    return args.toArray(String[]::new);
  }

  /** The document of a multi-document YAML text that contains {@code marker}. */
  private static String section(String yaml, String marker) {
    return java.util.Arrays.stream(yaml.split("\n---\n"))
        .filter(document -> document.contains(marker))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no document with " + marker + " in\n" + yaml));
  }

  @Test
  void installsIntoARestrictedNamespaceRunsAndUpgrades() throws Exception {
    Namespaces.apply(
        admin,
        NAMESPACE,
        Map.of(
            "pod-security.kubernetes.io/enforce", "restricted",
            "pod-security.kubernetes.io/enforce-version", "latest"));
    String installed =
        ProjectTools.check(
            kubeconfig, "helm", "install", "mesh-operator", CHART, "--namespace", NAMESPACE);
    // The example the chart's notes give is one the CRD takes.
    MeshInstallation example = notesExample(installed);
    assertThat(admin.resource(example).dryRun().create().getSpec().getVersion())
        .isEqualTo(example.getSpec().getVersion());

    // The apiserver's Pod Security admission let the ReplicaSet create the pod.
    awaitPods(1);
    assertThat(replicaSetWarnings()).as("pod creation refused").isEmpty();
    Deployment deployment = deployment();
    assertThat(DeployedOperator.container(deployment).getImage())
        .isEqualTo(
            "docker.io/meshoperator/mesh-operator:" + System.getProperty("mesh.project-version"));

    String pod = podNames().get(0);
    Path log = Path.of("target/helm-it-operator.log");
    try (PackagedOperator operator =
        DeployedOperator.start(admin, cluster.clientConfig(), deployment, pod, log)) {
      MeshInstallation mesh = Installations.of("helm-mesh", spec -> {});
      admin.resource(mesh).create();
      MeshAssert.of(admin, mesh)
          .within(BOUND)
          .awaitStatus(
              current -> {
                assertThat(operator.isAlive()).as("operator; see %s", log).isTrue();
                assertThat(MeshAssert.requireCondition(current, Conditions.READY).getStatus())
                    .isEqualTo("True");
              });
      assertThat(leaseHolder()).isEqualTo(pod);
      // The chart's CRD is this release's: the operator leaves it as Helm wrote it.
      assertThat(java.nio.file.Files.readString(log))
          .doesNotContain("Updated the MeshInstallation CRD");

      ProjectTools.check(
          kubeconfig,
          "helm",
          "upgrade",
          "mesh-operator",
          CHART,
          "--namespace",
          NAMESPACE,
          "--reuse-values",
          "--set",
          "replicas=2",
          "--set",
          "app.envs.QUARKUS_LOG_LEVEL=DEBUG");
      awaitPods(2);
      assertThat(replicaSetWarnings()).as("pod creation refused").isEmpty();
      assertThat(DeployedOperator.environment(deployment(), pod))
          .containsEntry("QUARKUS_LOG_LEVEL", "DEBUG");
      assertThat(ProjectTools.check(kubeconfig, "helm", "status", "mesh-operator", "-n", NAMESPACE))
          .contains("REVISION: 2")
          .contains("STATUS: deployed");
      assertThat(
              MeshAssert.requireCondition(MeshAssert.of(admin, mesh).current(), "Ready")
                  .getStatus())
          .isEqualTo("True");
    }
  }

  /** The MeshInstallation between the notes' {@code <<'YAML'} and {@code YAML} lines. */
  private static MeshInstallation notesExample(String helmOutput) {
    String[] lines = helmOutput.split("\n");
    StringBuilder yaml = new StringBuilder();
    boolean inside = false;
    for (String line : lines) {
      if (line.strip().endsWith("<<'YAML'")) {
        inside = true;
      } else if (inside && line.strip().equals("YAML")) {
        break;
      } else if (inside) {
        yaml.append(line.replaceFirst("^  ", "")).append('\n');
      }
    }
    assertThat(yaml).as("an example in the notes:%n%s", helmOutput).isNotEmpty();
    return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
        yaml.toString(), MeshInstallation.class);
  }

  private static Deployment deployment() {
    return admin.apps().deployments().inNamespace(NAMESPACE).withName("mesh-operator").get();
  }

  private static List<String> podNames() {
    return admin.pods().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .map(p -> p.getMetadata().getName())
        .sorted()
        .toList();
  }

  private static void awaitPods(int count) {
    await()
        .atMost(BOUND)
        .untilAsserted(
            () -> {
              List<Pod> pods =
                  admin.pods().inNamespace(NAMESPACE).list().getItems().stream()
                      .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                      .toList();
              assertThat(pods)
                  .as(
                      "operator pods %s (ReplicaSet warnings: %s; Deployment status: %s)",
                      pods.stream()
                          .map(p -> p.getMetadata().getName() + "=" + p.getStatus().getPhase())
                          .toList(),
                      replicaSetWarnings(),
                      deployment().getStatus())
                  .hasSize(count)
                  .allMatch(p -> "Running".equals(p.getStatus().getPhase()));
            });
  }

  private static List<String> replicaSetWarnings() {
    return admin.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(e -> "ReplicaSet".equals(e.getInvolvedObject().getKind()))
        .filter(e -> "Warning".equals(e.getType()))
        .map(Event::getMessage)
        .toList();
  }

  private static String leaseHolder() {
    return admin
        .leases()
        .inNamespace(NAMESPACE)
        .withName(LeaderElectionProducer.LEASE)
        .get()
        .getSpec()
        .getHolderIdentity();
  }
}
