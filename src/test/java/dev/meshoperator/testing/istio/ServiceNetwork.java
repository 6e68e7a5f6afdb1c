package dev.meshoperator.testing.istio;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The cluster network the API server would reach Services through, for workloads that run as local
 * processes. kwok's pods are fake, so nothing answers at a Service's endpoints; here the API
 * server's "cluster" egress (its {@code --egress-selector-config-file}) is an HTTP CONNECT proxy on
 * a Unix socket. A {@code CONNECT name.namespace.svc:port} is resolved as kube-proxy would: the
 * real Service from the API server, its port's targetPort, and a {@link LocalPod} whose labels the
 * Service selects, which stands for the pod and maps container ports to local ones. So admission
 * webhooks rendered by the operator (Service references, caBundle patched by istiod) are called by
 * the real API server and answered by the real istiod, with nothing in them changed for the test.
 */
public final class ServiceNetwork implements AutoCloseable {

  /** A process standing for a pod: its namespace, labels, and where its container ports listen. */
  public record LocalPod(
      String namespace,
      Map<String, String> labels,
      Map<String, Integer> namedPorts,
      Map<Integer, Integer> localPortOf) {}

  private final Path socket;
  private final ServerSocketChannel server;
  private volatile KubernetesClient client;
  private final List<LocalPod> pods = new CopyOnWriteArrayList<>();
  private final Path log;

  private ServiceNetwork(Path socket, ServerSocketChannel server, Path log) {
    this.socket = socket;
    this.server = server;
    this.log = log;
  }

  /**
   * Listens on {@code socket}; until {@link #resolveWith} names the cluster to read Services from,
   * every CONNECT is refused (the API server starts before its own client can exist).
   */
  public static ServiceNetwork listen(Path socket, Path log) throws IOException {
    Files.deleteIfExists(socket);
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    ServiceNetwork network = new ServiceNetwork(socket, server, log);
    Thread acceptor = new Thread(network::acceptLoop, "service-network");
    acceptor.setDaemon(true);
    acceptor.start();
    return network;
  }

  /** The kube-apiserver egress configuration that sends cluster traffic here. */
  public String egressSelectorConfiguration() {
    return """
        apiVersion: apiserver.k8s.io/v1beta1
        kind: EgressSelectorConfiguration
        egressSelections:
        - name: cluster
          connection:
            proxyProtocol: HTTPConnect
            transport:
              uds:
                udsName: %s
        """
        .formatted(socket.toAbsolutePath());
  }

  public void resolveWith(KubernetesClient client) {
    this.client = client;
  }

  public void add(LocalPod pod) {
    pods.add(pod);
  }

  public void remove(LocalPod pod) {
    pods.remove(pod);
  }

  private void acceptLoop() {
    while (server.isOpen()) {
      try {
        SocketChannel caller = server.accept();
        Thread handler = new Thread(() -> handle(caller), "service-network-conn");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException e) {
        if (server.isOpen()) {
          note("accept failed: " + e);
        }
        return;
      }
    }
  }

  private void handle(SocketChannel caller) {
    try (caller) {
      String request = readHead(caller);
      String[] line = request.split("\r\n", 2)[0].split(" ");
      if (line.length < 2 || !"CONNECT".equals(line[0])) {
        reply(caller, "405 Method Not Allowed");
        return;
      }
      Optional<Integer> local = resolve(line[1]);
      note("CONNECT " + line[1] + " -> " + local.map(p -> "127.0.0.1:" + p).orElse("no backend"));
      if (local.isEmpty()) {
        reply(caller, "503 Service Unavailable");
        return;
      }
      try (SocketChannel backend =
          SocketChannel.open(new InetSocketAddress("127.0.0.1", local.get()))) {
        reply(caller, "200 Connection established");
        Thread upstream = new Thread(() -> pump(caller, backend), "service-network-up");
        upstream.setDaemon(true);
        upstream.start();
        pump(backend, caller);
        upstream.join(5_000);
      }
    } catch (IOException e) {
      note("connection failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * {@code clusterIP:port} (how the API server addresses a Service it calls) or {@code
   * name.namespace.svc:port} to the local port of a pod the Service selects.
   */
  Optional<Integer> resolve(String authority) {
    int colon = authority.lastIndexOf(':');
    String host = authority.substring(0, colon);
    int port = Integer.parseInt(authority.substring(colon + 1));
    if (client == null) {
      return Optional.empty();
    }
    Optional<Service> found = service(host);
    if (found.isEmpty() || found.get().getSpec().getSelector() == null) {
      return Optional.empty();
    }
    Service service = found.get();
    String namespace = service.getMetadata().getNamespace();
    Optional<ServicePort> servicePort =
        service.getSpec().getPorts().stream().filter(p -> p.getPort() == port).findFirst();
    if (servicePort.isEmpty()) {
      return Optional.empty();
    }
    IntOrString target = servicePort.get().getTargetPort();
    for (LocalPod pod : pods) {
      if (pod.namespace().equals(namespace)
          && pod.labels().entrySet().containsAll(service.getSpec().getSelector().entrySet())) {
        Integer containerPort =
            target == null
                ? Integer.valueOf(port)
                : target.getIntVal() != null
                    ? target.getIntVal()
                    : pod.namedPorts().get(target.getStrVal());
        Integer local = containerPort == null ? null : pod.localPortOf().get(containerPort);
        if (local != null) {
          return Optional.of(local);
        }
      }
    }
    return Optional.empty();
  }

  private Optional<Service> service(String host) {
    String[] dns = host.split("\\.");
    if (dns.length >= 3 && "svc".equals(dns[2])) {
      return Optional.ofNullable(client.services().inNamespace(dns[1]).withName(dns[0]).get());
    }
    return client.services().inAnyNamespace().list().getItems().stream()
        .filter(s -> host.equals(s.getSpec().getClusterIP()))
        .findFirst();
  }

  private static String readHead(ByteChannel channel) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    ByteBuffer one = ByteBuffer.allocate(1);
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      one.clear();
      if (channel.read(one) < 0) {
        throw new IOException("connection closed before the request ended");
      }
      head.write(one.array()[0]);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static void reply(ByteChannel channel, String status) throws IOException {
    ByteBuffer response =
        ByteBuffer.wrap(("HTTP/1.1 " + status + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    while (response.hasRemaining()) {
      channel.write(response);
    }
  }

  /** Copies until either side closes; read and write use separate locks, so two pumps may run. */
  private static void pump(SocketChannel from, SocketChannel to) {
    ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
    try {
      while (from.read(buffer) >= 0) {
        buffer.flip();
        while (buffer.hasRemaining()) {
          to.write(buffer);
        }
        buffer.clear();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      // One side went away; closing the pair ends the other pump.
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Already closed by the other pump.
    }
  }

  private synchronized void note(String message) {
    try {
      Files.writeString(
          log,
          java.time.Instant.now() + " " + message + "\n",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    Files.deleteIfExists(socket);
  }
}
