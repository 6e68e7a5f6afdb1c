package dev.meshoperator.plan;

import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/**
 * How a per-node DaemonSet (istio-cni, ztunnel) runs.
 *
 * @param settings component-specific switches, sorted by name: the istio-cni agent's configuration
 *     keys, or nothing for ztunnel
 * @param env extra environment of the main container, sorted by name
 * @param hostNetwork run in the node's network namespace (istio-cni under compatibility with 1.25)
 */
public record NodeAgentPlan(
    String image,
    ResourceRequirements resources,
    Map<String, String> settings,
    Map<String, String> env,
    Map<String, String> nodeSelector,
    List<Toleration> tolerations,
    boolean hostNetwork,
    PodPlacement pod) {}
