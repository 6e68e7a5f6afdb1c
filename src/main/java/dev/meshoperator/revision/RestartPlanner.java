package dev.meshoperator.revision;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.WorkloadRestartSpec;
import dev.meshoperator.observe.ClusterSnapshot;
import dev.meshoperator.plan.MeshPlan;
import dev.meshoperator.render.IstioLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The opt-in restart after a promotion: Deployments, StatefulSets and DaemonSets in migrated
 * namespaces (injection through the default tag, or a label naming the active revision) whose pods
 * still run an older revision are restarted a batch at a time, by the template annotation {@code
 * kubectl rollout restart} would use, so their new pods are injected by the active revision. A
 * Deployment is restarted once per revision (the annotation records which), the next batch waits
 * until the last one rolled out, and nothing is restarted while the active revision is not ready.
 * Decides only: apply/'s WorkloadRestarts carries the decision out.
 */
public final class RestartPlanner {

  /** The template annotation that records which revision a Deployment was restarted for. */
  public static final String RESTARTED_FOR = "mesh.operator.dev/restarted-for-revision";

  /** The template annotation that records when the operator restarted a Deployment. */
  public static final String RESTARTED_AT = "mesh.operator.dev/restarted-at";

  /** How often to look at a stuck rollout again: it recovers without an event the operator sees. */
  private static final Duration WHILE_STUCK = Duration.ofSeconds(30);

  private static final int DEFAULT_ROLLOUT_TIMEOUT_SECONDS = 600;

  private static final Duration WHILE_ROLLING = Duration.ofSeconds(5);

  /**
   * @param revision the active revision the restarts move workloads onto
   * @param restartNow the Deployments of the next batch, to restart now
   * @param restarted Deployments restarted onto the active revision, counting this batch
   * @param recheckIn when to look again while a batch rolls out (rollouts send no event here)
   * @param restartedAt the time to record on the Deployments restarted now
   * @param rolling restarted Deployments ({@code namespace/name}) that have not rolled out yet
   * @param timedOut those of them past the rollout timeout: no further batch starts
   */
  public record RestartPlan(
      String revision,
      List<HasMetadata> restartNow,
      int restarted,
      Optional<Duration> recheckIn,
      Instant restartedAt,
      List<String> rolling,
      List<String> timedOut) {

    /** Whether every Deployment that needed it is restarted and rolled out. */
    public boolean done() {
      return restartNow.isEmpty() && rolling.isEmpty();
    }
  }

  private RestartPlanner() {}

  public static Optional<RestartPlan> plan(
      MeshInstallation mesh,
      MeshPlan active,
      boolean activeReady,
      boolean holdsDefaultTag,
      ClusterSnapshot seen,
      Instant now) {
    WorkloadRestartSpec spec = mesh.getSpec().getUpdateStrategy().getWorkloadRestart();
    if (spec == null || !Boolean.TRUE.equals(spec.getEnabled())) {
      return Optional.empty();
    }
    String revision = active.revision();
    Set<String> migrated = migratedNamespaces(seen, revision, holdsDefaultTag);
    Set<String> candidates = new TreeSet<>();
    seen.injectedWorkloads().stream()
        .filter(
            pod ->
                migrated.contains(pod.getMetadata().getNamespace())
                    && !revision.equals(label(pod, IstioLabels.REVISION)))
        .map(Workloads::of)
        .filter(Workloads::restartable)
        .forEach(candidates::add);

    Duration timeout =
        Duration.ofSeconds(
            Objects.requireNonNullElse(
                spec.getRolloutTimeoutSeconds(), DEFAULT_ROLLOUT_TIMEOUT_SECONDS));
    int restarted = 0;
    int rolling = 0;
    List<String> stillRolling = new ArrayList<>();
    List<String> timedOut = new ArrayList<>();
    List<HasMetadata> pending = new ArrayList<>();
    for (String key : candidates) {
      String[] nsKindName = key.split("/", 3);
      Optional<HasMetadata> found = seen.workload(nsKindName[1], nsKindName[0], nsKindName[2]);
      if (found.isEmpty()) {
        continue;
      }
      HasMetadata deployment = found.get();
      if (revision.equals(annotation(deployment, RESTARTED_FOR))) {
        restarted++;
        if (!Workloads.rolledOut(deployment)) {
          rolling++;
          stillRolling.add(key);
          if (restartedAt(deployment).map(at -> at.plus(timeout).isBefore(now)).orElse(false)) {
            timedOut.add(key);
          }
        }
      } else {
        pending.add(deployment);
      }
    }
    int batch = Objects.requireNonNullElse(spec.getBatchSize(), 1);
    List<HasMetadata> batchNow = new ArrayList<>();
    if (activeReady && timedOut.isEmpty()) {
      for (HasMetadata deployment : pending) {
        if (rolling >= batch) {
          break;
        }
        batchNow.add(deployment);
        restarted++;
        rolling++;
      }
    }
    boolean more = rolling > 0 || (pending.size() > batchNow.size() && activeReady);
    Optional<Duration> recheck =
        !timedOut.isEmpty()
            ? Optional.of(WHILE_STUCK)
            : more ? Optional.of(WHILE_ROLLING) : Optional.empty();
    return Optional.of(
        new RestartPlan(
            revision,
            batchNow,
            restarted,
            recheck,
            now,
            List.copyOf(stillRolling),
            List.copyOf(timedOut)));
  }

  /**
   * Namespaces whose new pods the active revision injects: through the default tag only while this
   * installation holds it (beside another tool's istiod, that one serves the default).
   */
  private static Set<String> migratedNamespaces(
      ClusterSnapshot seen, String revision, boolean holdsDefaultTag) {
    return seen.namespaces().stream()
        .filter(
            ns -> {
              String rev = label(ns, IstioLabels.REVISION);
              if (rev == null) {
                return holdsDefaultTag && "enabled".equals(label(ns, IstioLabels.INJECTION));
              }
              return (holdsDefaultTag && rev.equals(MeshPlan.DEFAULT_REVISION))
                  || rev.equals(revision);
            })
        .map(ns -> ns.getMetadata().getName())
        .collect(Collectors.toSet());
  }

  private static String annotation(HasMetadata workload, String key) {
    var template = Workloads.template(workload).getMetadata();
    Map<String, String> annotations = template == null ? null : template.getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  /**
   * When the operator restarted it; absent (so never timed out) on Deployments restarted before.
   */
  private static Optional<Instant> restartedAt(HasMetadata deployment) {
    try {
      return Optional.ofNullable(annotation(deployment, RESTARTED_AT)).map(Instant::parse);
    } catch (DateTimeParseException unreadable) {
      return Optional.empty();
    }
  }

  private static String label(HasMetadata object, String key) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels == null ? null : labels.get(key);
  }
}
