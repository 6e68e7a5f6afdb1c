package dev.meshoperator.plan;

import dev.meshoperator.api.v1alpha1.GatewaySpec;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one ingress or egress gateway runs.
 *
 * @param ports the Service's ports; each container port is its target port
 * @param replicas fixed replica count, or null (autoscaling, or the Deployment's default of one)
 * @param autoscale autoscaling bounds, or null when off
 * @param env extra proxy environment, sorted by name
 */
public record GatewayPlan(
    String name,
    GatewaySpec.Kind kind,
    String namespace,
    String image,
    List<GatewayPort> ports,
    Integer replicas,
    Autoscale autoscale,
    ResourceRequirements resources,
    Map<String, String> env,
    Map<String, String> nodeSelector,
    List<Toleration> tolerations,
    GatewayService service,
    PodPlacement pod,
    Optional<DisruptionBudget> disruptionBudget) {

  /** A Service port and the container port behind it. */
  public record GatewayPort(String name, int port, int targetPort) {}

  /** The label value upstream gives the default gateways: the name without its istio- prefix. */
  public String istioLabel() {
    return name.startsWith("istio-") ? name.substring("istio-".length()) : name;
  }

  /** ingressgateway or egressgateway: upstream's secret and volume name prefix. */
  public String kindPrefix() {
    return kind == GatewaySpec.Kind.INGRESS ? "ingressgateway" : "egressgateway";
  }

  /**
   * The gateway's Service apart from its ports.
   *
   * @param loadBalancerIP null unless set
   * @param loadBalancerClass null unless set
   * @param externalTrafficPolicy Cluster or Local, or null for the Service's default
   */
  public record GatewayService(
      GatewaySpec.ServiceType type,
      Map<String, String> annotations,
      String loadBalancerIP,
      String loadBalancerClass,
      String externalTrafficPolicy) {}
}
