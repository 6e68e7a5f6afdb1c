package dev.meshoperator.render;

import dev.meshoperator.plan.GatewayPlan;
import dev.meshoperator.plan.MeshPlan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * NetworkPolicies for Istio's own pods, when spec.values.networkPolicy is on: each admits the ports
 * its pods serve (from anywhere, as upstream's charts do: xDS clients and load balancers can be
 * anywhere) and allows all egress (JWKS fetches, external services, the API server).
 */
final class NetworkPolicies {

  private NetworkPolicies() {}

  static List<HasMetadata> istiod(MeshPlan plan) {
    return policy(
        plan,
        plan.istiodName(),
        plan.namespace(),
        IstiodWorkload.selector(plan),
        List.of(
            tcp(IstioPorts.WEBHOOKS),
            tcp(IstioPorts.GRPC_XDS),
            tcp(15011),
            tcp(IstioPorts.TLS_XDS),
            tcp(IstioPorts.HTTP_DEBUG),
            tcp(IstioPorts.MONITORING)));
  }

  static List<HasMetadata> cni(MeshPlan plan) {
    // Metrics and the readiness endpoint; the agent usually runs in the host network, where
    // NetworkPolicies do not reach, so this matters only where it does not.
    return policy(
        plan,
        CniRenderer.DAEMONSET,
        plan.nodeAgentNamespace(),
        Map.of("k8s-app", CniRenderer.DAEMONSET),
        List.of(tcp(IstioPorts.MONITORING), tcp(8000)));
  }

  static List<HasMetadata> ztunnel(MeshPlan plan) {
    List<NetworkPolicyPort> ports = new ArrayList<>();
    // Readiness, metrics, admin, HBONE, outbound and inbound plaintext capture, DNS capture.
    for (int port :
        new int[] {
          IstioPorts.PROXY_HEALTH, IstioPorts.AGENT_METRICS, 15000, 15008, 15001, 15006, 15053
        }) {
      ports.add(tcp(port));
    }
    ports.add(
        new NetworkPolicyPortBuilder()
            .withProtocol("UDP")
            .withPort(new IntOrString(15053))
            .build());
    return policy(
        plan,
        ZtunnelRenderer.NAME,
        plan.nodeAgentNamespace(),
        Map.of(IstioLabels.APP, ZtunnelRenderer.NAME),
        ports);
  }

  static List<HasMetadata> gateway(MeshPlan plan, GatewayPlan gateway) {
    List<NetworkPolicyPort> ports = new ArrayList<>();
    ports.add(tcp(IstioPorts.PROXY_HEALTH));
    ports.add(tcp(IstioPorts.AGENT_METRICS));
    ports.add(tcp(IstioPorts.ENVOY_PROMETHEUS));
    gateway.ports().stream()
        .map(GatewayPlan.GatewayPort::targetPort)
        .filter(p -> p != IstioPorts.PROXY_HEALTH)
        .distinct()
        .forEach(p -> ports.add(tcp(p)));
    return policy(
        plan, gateway.name(), gateway.namespace(), GatewaysRenderer.selector(gateway), ports);
  }

  private static List<HasMetadata> policy(
      MeshPlan plan,
      String name,
      String namespace,
      Map<String, String> podSelector,
      List<NetworkPolicyPort> ports) {
    if (!plan.values().networkPolicies()) {
      return List.of();
    }
    NetworkPolicyIngressRule ingress =
        new NetworkPolicyIngressRuleBuilder().withPorts(ports).build();
    return List.of(
        new NetworkPolicyBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .addToLabels(IstioLabels.REVISION, plan.revision())
            .endMetadata()
            .withNewSpec()
            .withNewPodSelector()
            .withMatchLabels(podSelector)
            .endPodSelector()
            .withPolicyTypes("Ingress", "Egress")
            .withIngress(ingress)
            .withEgress(new NetworkPolicyEgressRule())
            .endSpec()
            .build());
  }

  private static NetworkPolicyPort tcp(int port) {
    return new NetworkPolicyPortBuilder()
        .withProtocol("TCP")
        .withPort(new IntOrString(port))
        .build();
  }
}
