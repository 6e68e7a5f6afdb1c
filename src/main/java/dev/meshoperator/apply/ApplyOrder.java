package dev.meshoperator.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order objects reach the cluster, in stages whose objects go out side by side: the namespace
 * first (the namespaced objects live in it); then Istio's types, identities, permissions, config
 * and Services, which the API server accepts in any order among themselves (a binding may name a
 * role that comes a moment later); then the workloads, whose pods need those identities and config;
 * webhooks last, so that they never point at a service that does not exist yet; other kinds (custom
 * resources) after their types are served.
 */
final class ApplyOrder {

  private static final List<List<String>> STAGES =
      List.of(
          List.of("Namespace"),
          List.of(
              "CustomResourceDefinition",
              "ServiceAccount",
              "ClusterRole",
              "ClusterRoleBinding",
              "Role",
              "RoleBinding",
              "ConfigMap",
              "Service",
              // Multus's network for istio-cni: its type is the cluster's, served already.
              "NetworkAttachmentDefinition"),
          List.of("Deployment", "DaemonSet", "HorizontalPodAutoscaler", "PodDisruptionBudget"),
          List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"));

  private static final List<String> KINDS = STAGES.stream().flatMap(List::stream).toList();

  private static final Map<String, Integer> STAGE_OF = stageOfEachKind();

  /** Within a stage too, a stable order by kind, namespace and name (for logs and tests). */
  static final Comparator<HasMetadata> COMPARATOR =
      Comparator.comparingInt((HasMetadata o) -> rank(o.getKind()))
          .thenComparing(o -> String.valueOf(o.getMetadata().getNamespace()))
          .thenComparing(o -> o.getMetadata().getName());

  private ApplyOrder() {}

  static int rank(String kind) {
    int rank = KINDS.indexOf(kind);
    return rank < 0 ? KINDS.size() : rank;
  }

  private static Map<String, Integer> stageOfEachKind() {
    Map<String, Integer> stages = new HashMap<>();
    for (int stage = 0; stage < STAGES.size(); stage++) {
      for (String kind : STAGES.get(stage)) {
        stages.put(kind, stage);
      }
    }
    return Map.copyOf(stages);
  }

  /** The stage of {@code kind}: its objects are written together, after every earlier stage. */
  static int stage(String kind) {
    return STAGE_OF.getOrDefault(kind, STAGES.size());
  }
}
