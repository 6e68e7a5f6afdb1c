package dev.meshoperator.render;

import dev.meshoperator.plan.PodPlacement;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.LinkedHashMap;
import java.util.Map;

/** Lays the user's scheduling settings and pod metadata over a rendered pod template. */
final class PodPlacements {

  private PodPlacements() {}

  static void apply(PodTemplateSpec template, PodPlacement placement) {
    ObjectMeta meta = template.getMetadata();
    // The operator's keys are refused at admission; should one slip through, the selector wins.
    meta.setLabels(merged(meta.getLabels(), placement.labels()));
    meta.setAnnotations(merged(meta.getAnnotations(), placement.annotations()));
    PodSpec pod = template.getSpec();
    if (placement.affinity() != null) {
      pod.setAffinity(affinity(placement.affinity(), pod.getAffinity()));
    }
    if (!placement.topologySpreadConstraints().isEmpty()) {
      pod.setTopologySpreadConstraints(placement.topologySpreadConstraints());
    }
    if (placement.priorityClassName() != null) {
      pod.setPriorityClassName(placement.priorityClassName());
    }
  }

  /** The user's rules; node affinity the renderer derived from a node selector is kept. */
  private static Affinity affinity(Affinity user, Affinity rendered) {
    Affinity affinity = new AffinityBuilder(user).build();
    if (affinity.getNodeAffinity() == null && rendered != null) {
      affinity.setNodeAffinity(rendered.getNodeAffinity());
    }
    return affinity;
  }

  private static Map<String, String> merged(
      Map<String, String> rendered, Map<String, String> user) {
    if (user.isEmpty()) {
      return rendered;
    }
    Map<String, String> all = new LinkedHashMap<>(rendered == null ? Map.of() : rendered);
    user.forEach(all::putIfAbsent);
    return all;
  }

  /** The user's annotations of the pods' ServiceAccount, or null (none written) without any. */
  static Map<String, String> accountAnnotations(PodPlacement placement) {
    return placement.serviceAccountAnnotations().isEmpty()
        ? null
        : placement.serviceAccountAnnotations();
  }

  static Deployment placed(Deployment deployment, PodPlacement placement) {
    apply(deployment.getSpec().getTemplate(), placement);
    return deployment;
  }

  static DaemonSet placed(DaemonSet daemonSet, PodPlacement placement) {
    apply(daemonSet.getSpec().getTemplate(), placement);
    return daemonSet;
  }
}
