package dev.meshoperator.revision;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.RevisionStatus;
import dev.meshoperator.api.v1alpha1.RevisionTagSpec;
import dev.meshoperator.api.v1alpha1.UpdateStrategy;
import dev.meshoperator.observe.ClusterSnapshot;
import dev.meshoperator.observe.WorkloadReadiness;
import dev.meshoperator.plan.InvalidSpecException;
import dev.meshoperator.plan.MeshPlan;
import dev.meshoperator.plan.PlanResolver;
import dev.meshoperator.render.IstioLabels;
import dev.meshoperator.render.IstiodRenderer;
import dev.meshoperator.render.OperatorLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a RevisionBased installation's revisions from the reconcile's snapshot (istiod Deployments,
 * the default tag's webhook, injected pods, namespaces), lets {@link RevisionPlanner} decide, and
 * resolves a plan per revision to keep. Pure, given the snapshot.
 */
public final class RevisionRollout {

  private static final long DEFAULT_GRACE_SECONDS = 30;

  private RevisionRollout() {}

  public static Rollout plan(
      MeshInstallation mesh,
      MeshPlan specPlan,
      PlanResolver resolver,
      ClusterSnapshot seen,
      Instant now) {
    String installation = mesh.getMetadata().getName();
    String target = RevisionNames.of(installation, specPlan.release().version());
    UpdateStrategy strategy = mesh.getSpec().getUpdateStrategy();
    List<RunningRevision> running = running(seen);
    Map<String, RunningRevision> byName =
        running.stream().collect(Collectors.toMap(RunningRevision::name, Function.identity()));

    Map<String, String> tagVersions = new TreeMap<>();
    Map<String, String> tagRevisions = new TreeMap<>();
    for (var tag : Objects.requireNonNullElse(strategy.getTags(), List.<RevisionTagSpec>of())) {
      String version =
          resolver
              .resolveVersion(tag.getVersion())
              .orElseThrow(
                  () ->
                      new InvalidSpecException(
                          InvalidSpecException.Reason.InvalidSpec,
                          "tag "
                              + tag.getName()
                              + ": version "
                              + tag.getVersion()
                              + " is not in this operator's catalog"));
      tagVersions.put(tag.getName(), version);
      if (RevisionNames.looksLikeRevision(installation, tag.getName())) {
        throw new InvalidSpecException(
            InvalidSpecException.Reason.InvalidSpec,
            "tag "
                + tag.getName()
                + " is named like a revision of this installation; istio.io/rev="
                + tag.getName()
                + " would be ambiguous, so name tags otherwise");
      }
      tagRevisions.put(tag.getName(), RevisionNames.of(installation, version));
    }
    Map<String, String> pinnedVersions = new HashMap<>();
    tagRevisions.forEach((tag, revision) -> pinnedVersions.put(revision, tagVersions.get(tag)));

    RevisionPlanner.Decision decision =
        RevisionPlanner.decide(
            target,
            List.copyOf(new LinkedHashSet<>(tagRevisions.values())),
            new RevisionPlanner.Observed(
                running, currentDefaultTag(seen, specPlan.namespace()), previousUnusedSince(mesh)),
            new RevisionPlanner.Policy(
                Objects.requireNonNullElse(
                    strategy.getPromotion(), UpdateStrategy.Promotion.AUTOMATIC),
                promotedRevision(strategy, resolver, installation),
                Duration.ofSeconds(
                    Objects.requireNonNullElse(
                        strategy.getInactiveRevisionDeletionGracePeriodSeconds(),
                        DEFAULT_GRACE_SECONDS))),
            now);

    Map<String, MeshPlan> plans = new HashMap<>();
    for (String name : decision.keep()) {
      String version =
          name.equals(target)
              ? specPlan.release().version()
              : byName.containsKey(name) ? byName.get(name).version() : pinnedVersions.get(name);
      plans.put(name, resolver.resolveRevision(mesh, version, name));
    }
    List<RevisionState> states = new ArrayList<>();
    List<String> ordered = new ArrayList<>(List.of(decision.active()));
    decision.keep().stream().filter(n -> !n.equals(decision.active())).forEach(ordered::add);
    for (String name : ordered) {
      RunningRevision found = byName.get(name);
      List<String> tags = new ArrayList<>();
      if (name.equals(decision.active())) {
        tags.add(MeshPlan.DEFAULT_REVISION);
      }
      tagRevisions.forEach(
          (tag, revision) -> {
            if (revision.equals(name)) {
              tags.add(tag);
            }
          });
      states.add(
          new RevisionState(
              name,
              plans.get(name).release().version(),
              List.copyOf(tags),
              found != null && found.ready(),
              found == null ? 0 : found.pods(),
              found == null ? 0 : found.namespaces(),
              found == null ? List.of() : found.workloads(),
              Optional.ofNullable(decision.unusedSince().get(name))));
    }
    return new Rollout(
        plans.get(target),
        plans.get(decision.active()),
        decision.keep().stream().map(plans::get).toList(),
        true,
        states,
        decision.recheckIn(),
        plans.get(target),
        tagRevisions.entrySet().stream()
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey, e -> plans.get(e.getValue()), (a, b) -> a, TreeMap::new)));
  }

  /** The revision promotedVersion names; a version the catalog does not have is a spec error. */
  private static Optional<String> promotedRevision(
      UpdateStrategy strategy, PlanResolver resolver, String installation) {
    if (strategy.getPromotedVersion() == null) {
      return Optional.empty();
    }
    String version =
        resolver
            .resolveVersion(strategy.getPromotedVersion())
            .orElseThrow(
                () ->
                    new InvalidSpecException(
                        InvalidSpecException.Reason.InvalidSpec,
                        "promotedVersion "
                            + strategy.getPromotedVersion()
                            + " is not in this operator's catalog"));
    return Optional.of(RevisionNames.of(installation, version));
  }

  /** The revisions whose istiod runs, with their use. */
  private static List<RunningRevision> running(ClusterSnapshot seen) {
    List<Pod> injected = seen.injectedWorkloads();
    Map<String, Integer> pods = countByRevision(injected.stream());
    Map<String, SortedSet<String>> workloads = new HashMap<>();
    for (var pod : injected) {
      String revision = label(pod, IstioLabels.REVISION);
      if (revision != null) {
        workloads.computeIfAbsent(revision, r -> new TreeSet<>()).add(Workloads.of(pod));
      }
    }
    Map<String, Integer> namespaces = countByRevision(seen.namespaces().stream());
    return seen.owned(Deployment.class).stream()
        .filter(d -> IstiodRenderer.COMPONENT.equals(label(d, OperatorLabels.COMPONENT)))
        .filter(d -> label(d, IstioLabels.REVISION) != null)
        .map(
            d -> {
              String name = label(d, IstioLabels.REVISION);
              return new RunningRevision(
                  name,
                  label(d, IstioLabels.VERSION),
                  WorkloadReadiness.of(name, d).isReady(),
                  pods.getOrDefault(name, 0),
                  namespaces.getOrDefault(name, 0),
                  workloads.getOrDefault(name, new TreeSet<>()).stream()
                      .limit(RevisionStatus.MAX_WORKLOADS)
                      .toList());
            })
        .toList();
  }

  private static Map<String, Integer> countByRevision(Stream<? extends HasMetadata> objects) {
    Map<String, Integer> counts = new HashMap<>();
    objects
        .map(o -> label(o, IstioLabels.REVISION))
        .filter(Objects::nonNull)
        .forEach(revision -> counts.merge(revision, 1, Integer::sum));
    return counts;
  }

  private static Optional<String> currentDefaultTag(ClusterSnapshot seen, String namespace) {
    String name = IstiodRenderer.tagWebhookName(MeshPlan.DEFAULT_REVISION, namespace);
    return seen.owned(MutatingWebhookConfiguration.class, null, name).stream()
        .map(w -> label(w, IstioLabels.REVISION))
        .filter(Objects::nonNull)
        .findFirst();
  }

  private static Map<String, Instant> previousUnusedSince(MeshInstallation mesh) {
    Map<String, Instant> since = new HashMap<>();
    if (mesh.getStatus() != null && mesh.getStatus().getRevisions() != null) {
      for (RevisionStatus revision : mesh.getStatus().getRevisions()) {
        if (revision.getUnusedSince() != null) {
          since.put(revision.getName(), Instant.parse(revision.getUnusedSince()));
        }
      }
    }
    return since;
  }

  private static String label(HasMetadata object, String key) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels == null ? null : labels.get(key);
  }
}
