package dev.meshoperator.plan;

import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How istiod runs for one revision.
 *
 * @param image full image reference
 * @param replicas fixed replica count, or null while autoscaling decides
 * @param autoscale autoscaling bounds, or null when the replica count is fixed
 * @param env extra environment, sorted by name (profile, compatibility, then user, later wins)
 * @param volumes the user's volumes, added to istiod's own
 * @param volumeMounts where the discovery container mounts them
 */
public record IstiodPlan(
    String image,
    Integer replicas,
    Autoscale autoscale,
    ResourceRequirements resources,
    Map<String, String> env,
    Map<String, String> nodeSelector,
    List<Toleration> tolerations,
    String traceSampling,
    PodPlacement pod,
    Optional<DisruptionBudget> disruptionBudget,
    List<Volume> volumes,
    List<VolumeMount> volumeMounts) {}
