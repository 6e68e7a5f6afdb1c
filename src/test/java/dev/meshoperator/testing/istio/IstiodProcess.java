package dev.meshoperator.testing.istio;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshoperator.testing.PackagedOperator;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Istio's own istiod (pilot-discovery, built from the istio.io/istio Go module) run as a local
 * process the way the operator's Deployment runs it, minus the pod: the container's arguments and
 * environment as read back from the API server, field references filled in as the kubelet would,
 * the credentials of the Deployment's ServiceAccount (so istiod works with exactly the RBAC the
 * operator rendered), and its listeners on free loopback ports that {@link ServiceNetwork} maps the
 * container ports to. istiod then reads the mesh and injector ConfigMaps the operator wrote (as it
 * does in a pod without them mounted) and patches the webhooks itself.
 */
public final class IstiodProcess implements AutoCloseable {

  /** istiod's container ports and the flag that sets each one's listen address. */
  private static final Map<Integer, String> LISTENERS =
      Map.of(
          15010, "--grpcAddr",
          15012, "--secureGRPCAddr",
          15017, "--httpsAddr",
          8080, "--httpAddr",
          15014, "--monitoringAddr");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ERROR_LINE = Pattern.compile("\\t(error|warn)\\t");
  private static final Pattern TIMESTAMPED = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T");

  /**
   * What istiod logs at error or warning level while it starts, whatever its configuration: until
   * its own webhook has rejected a dry-run of invalid config through the API server, the validation
   * controller retries switching the validators to fail-closed, and config validation reports
   * itself not ready.
   */
  private static final List<Pattern> START_UP =
      List.of(
          Pattern.compile("webhook is not ready, retry\\tcontroller=validation$"),
          Pattern.compile("\\twarn\\tconfig validation is not ready"),
          Pattern.compile("\\twarn\\tdiscovery is not ready"),
          Pattern.compile("\\twarn\\tsidecar injector is not ready"),
          Pattern.compile("\\twarn\\tslow startup task"),
          // A write that lost a race with another writer (the Deployment controller updating a
          // proxy Deployment istiod just applied) is retried by istiod's work queue.
          Pattern.compile("the object has been modified; please apply your changes"),
          // With the agentgateway classes on, istiod notes that it leaves the Gateway API
          // Inference Extension alone (its CRDs are not installed here).
          Pattern.compile("\\twarn\\tGatewayAPI Inference Extension is disabled"),
          // kwok's fake nodes report a kubelet version that is not a version (kwok-0.8.0).
          Pattern.compile("\\twarn\\tcould not read node version for node-.* kwok-"));

  private final Process process;
  private final Path log;
  private final Map<Integer, Integer> localPortOf;
  private final ServiceNetwork network;
  private final ServiceNetwork.LocalPod pod;

  private IstiodProcess(
      Process process,
      Path log,
      Map<Integer, Integer> localPortOf,
      ServiceNetwork network,
      ServiceNetwork.LocalPod pod) {
    this.process = process;
    this.log = log;
    this.localPortOf = localPortOf;
    this.network = network;
    this.pod = pod;
  }

  /**
   * Starts istiod as {@code deployment} (read from the API server) describes it, in {@code
   * workDir}, and waits until it reports ready.
   */
  public static IstiodProcess start(
      Path pilotDiscovery,
      KubernetesClient admin,
      Config cluster,
      Deployment deployment,
      ServiceNetwork network,
      Path workDir)
      throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce(pilotDiscovery, admin, cluster, deployment, network, workDir);
      } catch (PortTaken taken) {
        // A free port is only free until someone takes it: the machine's own outgoing
        // connections draw from the same range. Pick others and start again.
        if (attempt == 3) {
          throw taken;
        }
      }
    }
  }

  /** istiod exited because a port picked for it was taken meanwhile. */
  private static final class PortTaken extends IllegalStateException {
    PortTaken(String message) {
      super(message);
    }
  }

  private static IstiodProcess startOnce(
      Path pilotDiscovery,
      KubernetesClient admin,
      Config cluster,
      Deployment deployment,
      ServiceNetwork network,
      Path workDir)
      throws IOException {
    Files.createDirectories(workDir);
    String namespace = deployment.getMetadata().getNamespace();
    PodSpec spec = deployment.getSpec().getTemplate().getSpec();
    Container discovery = spec.getContainers().get(0);
    String podName = deployment.getMetadata().getName() + "-local";
    Path kubeconfig =
        writeKubeconfig(
            workDir.resolve("kubeconfig"),
            cluster,
            PackagedOperator.token(admin, namespace, spec.getServiceAccountName()));

    Map<Integer, Integer> localPortOf = new LinkedHashMap<>();
    for (Integer port : LISTENERS.keySet()) {
      localPortOf.put(port, freePort());
    }
    List<String> command = new ArrayList<>();
    command.add(pilotDiscovery.toString());
    for (String arg : discovery.getArgs()) {
      // Listen addresses are set below, on loopback.
      if (LISTENERS.values().stream().noneMatch(arg::startsWith)) {
        command.add(arg);
      }
    }
    localPortOf.forEach((port, local) -> command.add(LISTENERS.get(port) + "=127.0.0.1:" + local));
    // ControlZ, istiod's introspection page, listens on a fixed port unless told otherwise.
    command.add("--ctrlz_address=127.0.0.1");
    command.add("--ctrlz_port=" + freePort());

    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("PATH", System.getenv("PATH"));
    for (EnvVar var : discovery.getEnv()) {
      env.put(var.getName(), valueOf(var, podName, namespace, spec));
    }
    // In a pod this file is absent (an optional Secret) and istiod uses in-cluster config.
    env.put("KUBECONFIG", kubeconfig.toString());
    Path log = workDir.resolve("istiod.log");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    Process process = builder.start();

    Map<String, Integer> named = new LinkedHashMap<>();
    for (ContainerPort port : discovery.getPorts()) {
      named.put(port.getName(), port.getContainerPort());
    }
    ServiceNetwork.LocalPod pod =
        new ServiceNetwork.LocalPod(
            namespace,
            deployment.getSpec().getTemplate().getMetadata().getLabels(),
            named,
            localPortOf);
    network.add(pod);
    IstiodProcess istiod = new IstiodProcess(process, log, localPortOf, network, pod);
    try {
      istiod.awaitReady(Duration.ofSeconds(90));
    } catch (RuntimeException notReady) {
      // Nobody else holds it yet: an istiod left running would answer for the next class's mesh.
      istiod.close();
      throw notReady;
    }
    return istiod;
  }

  /** What the kubelet would put in an environment variable of this pod. */
  private static String valueOf(EnvVar var, String podName, String namespace, PodSpec spec) {
    if (var.getValueFrom() == null) {
      return var.getValue() == null ? "" : var.getValue();
    }
    if (var.getValueFrom().getFieldRef() != null) {
      return switch (var.getValueFrom().getFieldRef().getFieldPath()) {
        case "metadata.name" -> podName;
        case "metadata.namespace" -> namespace;
        case "spec.serviceAccountName" -> spec.getServiceAccountName();
        case "status.podIP", "status.hostIP" -> "127.0.0.1";
        default ->
            throw new IllegalArgumentException(
                "no local value for field " + var.getValueFrom().getFieldRef().getFieldPath());
      };
    }
    if (var.getValueFrom().getResourceFieldRef() != null) {
      // GOMAXPROCS and friends: the cores this machine has.
      return Integer.toString(Runtime.getRuntime().availableProcessors());
    }
    throw new IllegalArgumentException("no local value for " + var.getName());
  }

  private static Path writeKubeconfig(Path file, Config cluster, String token) throws IOException {
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: local
          cluster: {server: "%s", certificate-authority: "%s"}
        users:
        - name: istiod
          user: {token: "%s"}
        contexts:
        - name: local
          context: {cluster: local, user: istiod}
        current-context: local
        """
            .formatted(cluster.getMasterUrl(), cluster.getCaCertFile(), token));
    return file;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void awaitReady(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + localPortOf.get(8080) + "/ready"))
            .GET()
            .build();
    await("istiod ready; see " + log)
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptionsInstanceOf(IOException.class)
        .until(
            () -> {
              if (!process.isAlive()) {
                String message = "istiod exited (" + process.exitValue() + "); see " + log;
                if (Files.readString(log).contains("address already in use")) {
                  throw new PortTaken(message);
                }
                throw new IllegalStateException(message);
              }
              if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                return false;
              }
              // ControlZ only logs that its port was taken, and istiod runs on with that error.
              if (Files.readString(log).contains("Unable to start ControlZ")) {
                throw new PortTaken("istiod's ControlZ port was taken; see " + log);
              }
              // /ready answers before the webhook server listens; the API server needs both.
              try (Socket webhooks = new Socket("127.0.0.1", localPortOf.get(15017))) {
                return webhooks.isConnected();
              }
            });
  }

  /** Where istiod writes its log; kept with the other test logs under target/. */
  public Path log() {
    return log;
  }

  /**
   * The environment istiod runs with, read from the process itself (/proc): what reached it of the
   * Deployment's env, not what the test meant to pass.
   */
  public Map<String, String> environment() {
    try {
      String raw = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "environ"));
      Map<String, String> env = new LinkedHashMap<>();
      for (String entry : raw.split("\0")) {
        int eq = entry.indexOf('=');
        if (eq > 0) {
          env.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
      }
      return env;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** istiod's log so far. */
  public String logText() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Entries istiod logged at error or warning level, but for those of every start-up. An entry may
   * span lines (a list of errors): its continuation lines belong to it.
   */
  public List<String> problems() {
    return problemsIn(logText());
  }

  /** The same, for a log's text. */
  static List<String> problemsIn(String log) {
    List<String> entries = new ArrayList<>();
    for (String line : log.lines().map(IstiodProcess::asText).toList()) {
      if (TIMESTAMPED.matcher(line).find() || entries.isEmpty()) {
        entries.add(line);
      } else {
        entries.set(entries.size() - 1, entries.get(entries.size() - 1) + "\n" + line);
      }
    }
    return entries.stream()
        .filter(e -> ERROR_LINE.matcher(e).find())
        .filter(e -> START_UP.stream().noneMatch(p -> p.matcher(e).find()))
        .filter(e -> !isGatewayClassRace(e))
        .toList();
  }

  /**
   * A line of istiod's JSON log (--log_as_json) in the text form it has without the flag: time,
   * level, scope and message, then the other fields as key=value, separated by tabs.
   */
  static String asText(String line) {
    if (!line.startsWith("{")) {
      return line;
    }
    // Streamed, not bound: a field may repeat ("time" of a sync), and the first is the entry's.
    Map<String, String> fields = new LinkedHashMap<>();
    try (JsonParser parser = JSON.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return line;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        parser.nextToken();
        String value =
            parser.currentToken().isStructStart()
                ? JSON.readTree(parser).toString()
                : parser.getValueAsString();
        fields.putIfAbsent(key, value);
      }
    } catch (IOException notJson) {
      return line;
    }
    List<String> parts = new ArrayList<>();
    for (String key : List.of("time", "level", "scope", "msg")) {
      String value = fields.remove(key);
      if (value != null) {
        parts.add(String.valueOf(value));
      }
    }
    fields.forEach((key, value) -> parts.add(key + "=" + value));
    return String.join("\t", parts);
  }

  /**
   * istiod's GatewayClass controller creating its built-in classes from two workers at once: the
   * loser retries and finds them there. An entry counts only if every error in it is that one.
   */
  private static boolean isGatewayClassRace(String entry) {
    if (!entry.contains("controller=gateway class")) {
      return false;
    }
    List<String> errors =
        entry.contains("errors occurred:")
            ? entry.lines().filter(l -> l.startsWith("\t* ")).toList()
            : List.of(entry);
    return !errors.isEmpty()
        && errors.stream()
            .allMatch(
                e ->
                    e.contains("gatewayclasses.gateway.networking.k8s.io")
                        && e.contains("already exists"));
  }

  @Override
  public void close() {
    network.remove(pod);
    process.destroy();
    process.onExit().join();
  }
}
