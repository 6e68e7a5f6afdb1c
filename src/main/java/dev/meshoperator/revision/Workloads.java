package dev.meshoperator.revision;

import dev.meshoperator.observe.WorkloadReadiness;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
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

  /** Kinds the opt-in restart rolls: those whose pod template an annotation change rolls out. */
  public static boolean restartable(String workload) {
    String kind = workload.split("/", 3)[1];
    return kind.equals("Deployment") || kind.equals("StatefulSet") || kind.equals("DaemonSet");
  }

  public static PodTemplateSpec template(HasMetadata workload) {
    if (workload instanceof Deployment d) {
      return d.getSpec().getTemplate();
    }
    if (workload instanceof StatefulSet s) {
      return s.getSpec().getTemplate();
    }
    if (workload instanceof DaemonSet d) {
      return d.getSpec().getTemplate();
    }
    throw new IllegalArgumentException("not a workload: " + workload.getKind());
  }

  /** Whether its controller has rolled the current template out, as kubectl rollout status says. */
  public static boolean rolledOut(HasMetadata workload) {
    String name = workload.getMetadata().getName();
    if (workload instanceof Deployment d) {
      return WorkloadReadiness.of(name, d).isReady();
    }
    if (workload instanceof StatefulSet s) {
      return WorkloadReadiness.of(name, s).isReady();
    }
    if (workload instanceof DaemonSet d) {
      return WorkloadReadiness.of(name, d).isReady();
    }
    return true;
  }

  private static List<OwnerReference> owners(Pod pod) {
    return Objects.requireNonNullElse(pod.getMetadata().getOwnerReferences(), List.of());
  }
}
