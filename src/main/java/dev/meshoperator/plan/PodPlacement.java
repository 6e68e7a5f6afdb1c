package dev.meshoperator.plan;

import dev.meshoperator.api.v1alpha1.WorkloadSpec;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where and how a component's pods are scheduled, and what extra metadata they carry: the user's
 * settings, applied over what the renderer writes.
 *
 * @param affinity replaces the renderer's affinity when set
 * @param priorityClassName replaces the renderer's priority class when set
 * @param labels added to the pod template's labels; keys the operator sets are refused at admission
 * @param annotations added to the pod template's annotations, likewise
 * @param serviceAccountAnnotations added to the ServiceAccount the pods run as: the identity a
 *     cloud grants (IRSA, Workload Identity) is bound there
 */
public record PodPlacement(
    Affinity affinity,
    List<TopologySpreadConstraint> topologySpreadConstraints,
    String priorityClassName,
    Map<String, String> labels,
    Map<String, String> annotations,
    Map<String, String> serviceAccountAnnotations) {

  public static final PodPlacement NONE =
      new PodPlacement(null, List.of(), null, Map.of(), Map.of(), Map.of());

  static PodPlacement of(WorkloadSpec user) {
    if (user == null) {
      return NONE;
    }
    return new PodPlacement(
        user.getAffinity(),
        List.copyOf(Objects.requireNonNullElse(user.getTopologySpreadConstraints(), List.of())),
        user.getPriorityClassName(),
        sorted(user.getPodLabels()),
        sorted(user.getPodAnnotations()),
        sorted(user.getServiceAccountAnnotations()));
  }

  private static Map<String, String> sorted(Map<String, String> map) {
    return Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNullElse(map, Map.of())));
  }
}
