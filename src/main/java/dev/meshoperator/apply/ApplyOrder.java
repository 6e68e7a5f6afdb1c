package dev.meshoperator.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Comparator;
import java.util.List;

/**
 * The order objects reach the cluster: types before their instances, permissions before the pods
 * that need them, config before workloads, and webhooks last so that they never point at a service
 * that does not exist yet.
 */
final class ApplyOrder {

  private static final List<String> KINDS =
      List.of(
          "CustomResourceDefinition",
          "Namespace",
          "ServiceAccount",
          "ClusterRole",
          "ClusterRoleBinding",
          "Role",
          "RoleBinding",
          "ConfigMap",
          "Service",
          "Deployment",
          "DaemonSet",
          "HorizontalPodAutoscaler",
          "PodDisruptionBudget",
          "MutatingWebhookConfiguration",
          "ValidatingWebhookConfiguration");

  static final Comparator<HasMetadata> COMPARATOR =
      Comparator.comparingInt((HasMetadata o) -> rank(o.getKind()))
          .thenComparing(o -> String.valueOf(o.getMetadata().getNamespace()))
          .thenComparing(o -> o.getMetadata().getName());

  private ApplyOrder() {}

  static int rank(String kind) {
    int rank = KINDS.indexOf(kind);
    return rank < 0 ? KINDS.size() : rank;
  }
}
