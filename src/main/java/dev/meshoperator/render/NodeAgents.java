package dev.meshoperator.render;

import dev.meshoperator.plan.PlatformPreset;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.SELinuxOptions;
import io.fabric8.kubernetes.api.model.SELinuxOptionsBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Istio's node agents (istio-cni, ztunnel) share: they run on every node, whatever its taints.
 */
final class NodeAgents {

  /** Both run with the highest priority a pod can have: without them, no pod on the node works. */
  static final String PRIORITY_CLASS = "system-node-critical";

  private static final String QUOTA_PODS = "5000";

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

  /** OpenShift admits the agents' host paths and capabilities only under the privileged SCC. */
  static PolicyRule privilegedScc() {
    return new PolicyRuleBuilder()
        .withApiGroups("security.openshift.io")
        .withResources("securitycontextconstraints")
        .withResourceNames("privileged")
        .withVerbs("use")
        .build();
  }

  static Map<String, String> nodeSelector(Map<String, String> user) {
    Map<String, String> selector = new LinkedHashMap<>();
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

  /**
   * A quota that admits system-node-critical pods in the agent's namespace: GKE admits such pods
   * outside kube-system only under one.
   */
  static HasMetadata resourceQuota(String name, String namespace, String appName) {
    return new ResourceQuotaBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .addToLabels(IstioLabels.APP_NAME, appName)
        .endMetadata()
        .withNewSpec()
        .addToHard("pods", new Quantity(QUOTA_PODS))
        .withNewScopeSelector()
        .addNewMatchExpression()
        .withOperator("In")
        .withScopeName("PriorityClass")
        .withValues(PRIORITY_CLASS)
        .endMatchExpression()
        .endScopeSelector()
        .endSpec()
        .build();
  }

  /** OpenShift's SELinux type for containers that write to host paths; null elsewhere. */
  static SELinuxOptions seLinux(PlatformPreset platform) {
    return platform.openshift() ? new SELinuxOptionsBuilder().withType("spc_t").build() : null;
  }
}
