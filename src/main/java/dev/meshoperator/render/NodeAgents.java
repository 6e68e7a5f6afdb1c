package dev.meshoperator.render;

import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What Istio's node agents (istio-cni, ztunnel) share: they run on every node, whatever its taints.
 */
final class NodeAgents {

  /** Both run with the highest priority a pod can have: without them, no pod on the node works. */
  static final String PRIORITY_CLASS = "system-node-critical";

  /** Where the two talk: istio-cni hands each enrolled pod's network namespace to ztunnel here. */
  static final String ZTUNNEL_SOCKET_DIR = "/var/run/ztunnel";

  private NodeAgents() {}

  /** Upstream's default tolerations (every NoSchedule and NoExecute taint), then the user's. */
  static List<Toleration> tolerations(List<Toleration> user) {
    List<Toleration> tolerations = new ArrayList<>();
    tolerations.add(
        new TolerationBuilder().withEffect("NoSchedule").withOperator("Exists").build());
    tolerations.add(
        new TolerationBuilder().withKey("CriticalAddonsOnly").withOperator("Exists").build());
    tolerations.add(new TolerationBuilder().withEffect("NoExecute").withOperator("Exists").build());
    tolerations.addAll(user);
    return tolerations;
  }

  static Map<String, String> nodeSelector(Map<String, String> user) {
    Map<String, String> selector = new java.util.LinkedHashMap<>();
    selector.put("kubernetes.io/os", "linux");
    selector.putAll(user);
    return selector;
  }

  static Volume hostPath(String name, String path, String type) {
    return new VolumeBuilder()
        .withName(name)
        .withNewHostPath()
        .withPath(path)
        .withType(type)
        .endHostPath()
        .build();
  }
}
