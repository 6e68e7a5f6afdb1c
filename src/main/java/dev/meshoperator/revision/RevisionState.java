package dev.meshoperator.revision;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One kept revision as the rollout sees it; status/ reports it.
 *
 * @param tags the tags that point at it, {@code default} first when it is active
 * @param workloads some of the workloads it injected, by name
 * @param unusedSince when it was first seen inactive and unused, while its grace period runs
 */
public record RevisionState(
    String name,
    String version,
    List<String> tags,
    boolean ready,
    int pods,
    int namespaces,
    List<String> workloads,
    Optional<Instant> unusedSince) {}
