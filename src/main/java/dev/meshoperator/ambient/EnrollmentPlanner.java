package dev.meshoperator.ambient;

import dev.meshoperator.api.v1alpha1.AmbientSpec;
import dev.meshoperator.render.KubernetesNamespaces;
import dev.meshoperator.render.OperatorLabels;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides, for every namespace in the cache, what one installation's ambient spec means for it.
 * Pure: the caller reads the cache and carries out the decisions.
 */
public final class EnrollmentPlanner {

  /** Prefixes of the namespaces platforms keep for themselves (kube-*, openshift-*). */
  static final List<String> PLATFORM_PREFIXES = List.of("kube-", "openshift-");

  private final String installation;
  private final AmbientSpec spec;
  private final Optional<String> waitingFor;
  private final Set<String> operatorNamespaces;

  /**
   * @param spec the installation's spec.ambient, or null when it asks for no enrollment
   * @param waitingFor why new namespaces cannot be enrolled yet, or empty when they can
   */
  public EnrollmentPlanner(String installation, AmbientSpec spec, Optional<String> waitingFor) {
    this(installation, spec, waitingFor, Set.of());
  }

  /** The same, with the namespaces the operator itself runs in, which never join either. */
  public EnrollmentPlanner(
      String installation,
      AmbientSpec spec,
      Optional<String> waitingFor,
      Set<String> operatorNamespaces) {
    this.installation = installation;
    this.spec = spec;
    this.waitingFor = waitingFor;
    this.operatorNamespaces = operatorNamespaces;
  }

  /** Decisions for the namespaces this installation targets or has enrolled; others are left. */
  public List<NamespaceDecision> decide(Collection<Namespace> namespaces) {
    List<NamespaceDecision> decisions = new ArrayList<>();
    for (Namespace namespace : namespaces) {
      Optional<EnrollmentRecord> record = EnrollmentRecord.readFrom(namespace);
      Optional<EnrollmentRecord> ours = record.filter(r -> installation.equals(r.installation()));
      if (targets(namespace)) {
        decisions.add(decideTargeted(namespace, record, ours));
      } else if (ours.isPresent()) {
        decisions.add(
            decision(
                namespace,
                EnrollmentState.UNENROLLED,
                "NotSelected",
                "no longer listed or selected by spec.ambient",
                ours,
                Optional.empty()));
      }
    }
    return decisions;
  }

  private NamespaceDecision decideTargeted(
      Namespace namespace, Optional<EnrollmentRecord> record, Optional<EnrollmentRecord> ours) {
    if (record.isPresent() && ours.isEmpty()) {
      return conflict(
          namespace,
          ours,
          "EnrolledByAnotherInstallation",
          "enrolled by MeshInstallation " + record.get().installation());
    }
    if (isSystem(namespace)) {
      return conflict(
          namespace,
          ours,
          "SystemNamespace",
          "Kubernetes' and Istio's own namespaces never join the ambient data plane");
    }
    Map<String, String> foreign = foreignLabels(namespace, ours);
    String mode = foreign.get(AmbientLabels.DATAPLANE_MODE);
    if (mode != null && !AmbientLabels.AMBIENT.equals(mode)) {
      return conflict(
          namespace,
          ours,
          "OptedOut",
          AmbientLabels.DATAPLANE_MODE + "=" + mode + " was set by someone else; it is kept");
    }
    Map<String, String> sidecarLabels = sidecarLabels(foreign);
    if (!sidecarLabels.isEmpty() && !Boolean.TRUE.equals(spec.getSwitchSidecarNamespaces())) {
      return conflict(
          namespace,
          ours,
          "SidecarInjection",
          "sidecar injection is on ("
              + describe(sidecarLabels)
              + "); set spec.ambient.switchSidecarNamespaces to let the operator switch it");
    }
    if (ours.isEmpty() && waitingFor.isPresent()) {
      return decision(
          namespace,
          EnrollmentState.PENDING,
          "WaitingForDataPlane",
          waitingFor.get(),
          ours,
          Optional.empty());
    }
    Map<String, String> labels = new TreeMap<>();
    if (mode == null) {
      labels.put(AmbientLabels.DATAPLANE_MODE, AmbientLabels.AMBIENT);
    }
    Map<String, String> replaced =
        new TreeMap<>(ours.map(EnrollmentRecord::replaced).orElse(new TreeMap<>()));
    replaced.putAll(sidecarLabels);
    EnrollmentRecord desired = EnrollmentRecord.of(installation, labels, replaced);
    return decision(
        namespace,
        EnrollmentState.ENROLLED,
        mode == null ? "Enrolled" : "AlreadyAmbient",
        mode == null
            ? "labelled " + AmbientLabels.DATAPLANE_MODE + "=" + AmbientLabels.AMBIENT
            : "already labelled " + AmbientLabels.DATAPLANE_MODE + "=ambient by someone else",
        ours,
        desired.isEmpty() ? Optional.empty() : Optional.of(desired));
  }

  private boolean targets(Namespace namespace) {
    if (spec == null) {
      return false;
    }
    String name = namespace.getMetadata().getName();
    if (Objects.requireNonNullElse(spec.getExcludeNamespaces(), List.of()).contains(name)) {
      return false;
    }
    // Listed by name, a system namespace is reported; a selector (even {}) never picks one.
    return Objects.requireNonNullElse(spec.getNamespaces(), List.<String>of()).contains(name)
        || (spec.getNamespaceSelector() != null
            && LabelSelectors.matches(
                spec.getNamespaceSelector(), namespace.getMetadata().getLabels())
            && !isSystem(namespace));
  }

  /**
   * Kubernetes' and the platform's namespaces (kube-*, openshift-*), Istio's control planes (the
   * namespaces this operator made) and the operator's own.
   */
  private boolean isSystem(Namespace namespace) {
    String name = namespace.getMetadata().getName();
    Map<String, String> labels =
        Objects.requireNonNullElse(namespace.getMetadata().getLabels(), Map.of());
    return KubernetesNamespaces.SYSTEM.contains(name)
        || PLATFORM_PREFIXES.stream().anyMatch(name::startsWith)
        || operatorNamespaces.contains(name)
        || OperatorLabels.MANAGED_BY_VALUE.equals(labels.get(OperatorLabels.MANAGED_BY));
  }

  /** The namespace's labels, minus those this installation set (with the value it set). */
  private static Map<String, String> foreignLabels(
      Namespace namespace, Optional<EnrollmentRecord> ours) {
    Map<String, String> labels =
        new HashMap<>(Objects.requireNonNullElse(namespace.getMetadata().getLabels(), Map.of()));
    ours.ifPresent(r -> r.labels().forEach(labels::remove));
    return labels;
  }

  private static Map<String, String> sidecarLabels(Map<String, String> labels) {
    Map<String, String> sidecar = new TreeMap<>();
    if ("enabled".equals(labels.get(AmbientLabels.SIDECAR_INJECTION))) {
      sidecar.put(AmbientLabels.SIDECAR_INJECTION, "enabled");
    }
    if (labels.containsKey(AmbientLabels.REVISION)) {
      sidecar.put(AmbientLabels.REVISION, labels.get(AmbientLabels.REVISION));
    }
    return sidecar;
  }

  private static String describe(Map<String, String> labels) {
    return String.join(
        ", ", labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
  }

  /** A conflict leaves nothing of ours behind: a namespace we enrolled earlier is given back. */
  private static NamespaceDecision conflict(
      Namespace namespace, Optional<EnrollmentRecord> ours, String reason, String message) {
    return decision(namespace, EnrollmentState.CONFLICT, reason, message, ours, Optional.empty());
  }

  private static NamespaceDecision decision(
      Namespace namespace,
      EnrollmentState state,
      String reason,
      String message,
      Optional<EnrollmentRecord> previous,
      Optional<EnrollmentRecord> desired) {
    return new NamespaceDecision(namespace, state, reason, message, previous, desired);
  }
}
