package dev.meshoperator.revision;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Which workload a pod belongs to, read from its owner references as the controllers set them. */
public final class Workloads {

  /** The label a ReplicaSet gives its pods: the Deployment's name is the ReplicaSet's less it. */
  public static final String POD_TEMPLATE_HASH = "pod-template-hash";

  private Workloads() {}

  /**
   * {@code namespace/Kind/name} of the pod's workload: a Deployment, StatefulSet, ... or the pod.
   */
  public static String of(Pod pod) {
    String namespace = pod.getMetadata().getNamespace();
    Optional<String> deployment = deploymentOf(pod);
    if (deployment.isPresent()) {
      return namespace + "/Deployment/" + deployment.get();
    }
    return owners(pod).stream()
        .filter(o -> Boolean.TRUE.equals(o.getController()))
        .findFirst()
        .map(o -> namespace + "/" + o.getKind() + "/" + o.getName())
        .orElse(namespace + "/Pod/" + pod.getMetadata().getName());
  }

  /** The Deployment behind a pod: its ReplicaSet's name less the pod template hash. */
  public static Optional<String> deploymentOf(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    String hash = labels == null ? null : labels.get(POD_TEMPLATE_HASH);
    return owners(pod).stream()
        .filter(o -> "ReplicaSet".equals(o.getKind()))
        .map(OwnerReference::getName)
        .filter(rs -> hash != null && rs.endsWith("-" + hash))
        .map(rs -> rs.substring(0, rs.length() - hash.length() - 1))
        .findFirst();
  }

  private static List<OwnerReference> owners(Pod pod) {
    return Objects.requireNonNullElse(pod.getMetadata().getOwnerReferences(), List.of());
  }
}
