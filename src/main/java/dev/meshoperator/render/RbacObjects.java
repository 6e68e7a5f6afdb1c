package dev.meshoperator.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.util.List;

/** The ClusterRoles and bindings Istio's components run with, labelled by the app they serve. */
final class RbacObjects {

  private RbacObjects() {}

  static PolicyRule rule(String group, List<String> resources, List<String> verbs) {
    return rule(List.of(group), resources, verbs);
  }

  static PolicyRule rule(List<String> groups, List<String> resources, List<String> verbs) {
    return new PolicyRuleBuilder()
        .withApiGroups(groups)
        .withResources(resources)
        .withVerbs(verbs)
        .build();
  }

  static HasMetadata clusterRole(String name, String app, List<PolicyRule> rules) {
    return new ClusterRoleBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels(IstioLabels.APP, app)
        .addToLabels(IstioLabels.APP_NAME, app)
        .endMetadata()
        .withRules(rules)
        .build();
  }

  /** Binds {@code role} to a ServiceAccount; the binding takes the role's app labels. */
  static HasMetadata clusterRoleBinding(
      String name, String role, String app, String serviceAccount, String namespace) {
    return new ClusterRoleBindingBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels(IstioLabels.APP, app)
        .addToLabels(IstioLabels.APP_NAME, app)
        .endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", role)
        .addNewSubject()
        .withKind("ServiceAccount")
        .withName(serviceAccount)
        .withNamespace(namespace)
        .endSubject()
        .build();
  }
}
