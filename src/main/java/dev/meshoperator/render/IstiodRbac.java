package dev.meshoperator.render;

import static dev.meshoperator.render.RbacObjects.clusterRole;
import static dev.meshoperator.render.RbacObjects.clusterRoleBinding;
import static dev.meshoperator.render.RbacObjects.rule;

import dev.meshoperator.plan.MeshPlan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.List;

/** The permissions istiod runs with, as Istio grants them, per revision. */
final class IstiodRbac {

  private static final List<String> READ = List.of("get", "list", "watch");
  private static final List<String> READ_WRITE =
      List.of("get", "watch", "list", "update", "patch", "create", "delete");
  private static final List<String> ISTIO_GROUPS =
      List.of(
          "config.istio.io",
          "security.istio.io",
          "networking.istio.io",
          "authentication.istio.io",
          "rbac.istio.io",
          "telemetry.istio.io",
          "extensions.istio.io");
  private static final String MCS_GROUP = "multicluster.x-k8s.io";

  private IstiodRbac() {}

  static List<HasMetadata> render(MeshPlan plan) {
    String clusterScoped = plan.revisionSuffix() + "-" + plan.namespace();
    String istiodRole = "istiod-clusterrole" + clusterScoped;
    String gatewayRole = "istiod-gateway-controller" + clusterScoped;
    String readerRole = "istio-reader-clusterrole" + clusterScoped;
    return List.of(
        clusterRole(istiodRole, "istiod", istiodRules()),
        clusterRoleBinding(istiodRole, istiodRole, "istiod", plan.istiodName(), plan.namespace()),
        clusterRole(gatewayRole, "istiod", gatewayControllerRules()),
        clusterRoleBinding(gatewayRole, gatewayRole, "istiod", plan.istiodName(), plan.namespace()),
        clusterRole(readerRole, "istio-reader", readerRules()),
        clusterRoleBinding(
            readerRole,
            readerRole,
            "istio-reader",
            "istio-reader-service-account",
            plan.namespace()),
        new RoleBuilder()
            .withNewMetadata()
            .withName(plan.istiodName())
            .withNamespace(plan.namespace())
            .addToLabels(IstioLabels.APP, "istiod")
            .addToLabels(IstioLabels.APP_NAME, "istiod")
            .endMetadata()
            .withRules(
                rule("networking.istio.io", List.of("gateways"), List.of("create")),
                rule(
                    "",
                    List.of("secrets"),
                    List.of("create", "get", "watch", "list", "update", "delete")),
                rule("", List.of("configmaps"), List.of("delete")),
                rule(
                    "coordination.k8s.io",
                    List.of("leases"),
                    List.of("get", "update", "patch", "create")))
            .build(),
        new RoleBindingBuilder()
            .withNewMetadata()
            .withName(plan.istiodName())
            .withNamespace(plan.namespace())
            .addToLabels(IstioLabels.APP, "istiod")
            .addToLabels(IstioLabels.APP_NAME, "istiod")
            .endMetadata()
            .withNewRoleRef("rbac.authorization.k8s.io", "Role", plan.istiodName())
            .addNewSubject()
            .withKind("ServiceAccount")
            .withName(plan.istiodName())
            .withNamespace(plan.namespace())
            .endSubject()
            .build());
  }

  private static List<PolicyRule> istiodRules() {
    return List.of(
        rule(
            "admissionregistration.k8s.io",
            List.of("mutatingwebhookconfigurations"),
            List.of("get", "list", "watch", "update", "patch")),
        rule(
            "admissionregistration.k8s.io",
            List.of("validatingwebhookconfigurations"),
            List.of("get", "list", "watch", "update")),
        rule(ISTIO_GROUPS, List.of("*"), List.of("get", "watch", "list")),
        rule("networking.istio.io", List.of("workloadentries"), READ_WRITE),
        rule(
            "networking.istio.io",
            List.of("workloadentries/status", "serviceentries/status"),
            READ_WRITE),
        rule("security.istio.io", List.of("authorizationpolicies/status"), READ_WRITE),
        rule("", List.of("services/status"), READ_WRITE),
        rule("apiextensions.k8s.io", List.of("customresourcedefinitions"), READ),
        rule("", List.of("pods", "nodes", "services", "namespaces", "endpoints"), READ),
        rule("discovery.k8s.io", List.of("endpointslices"), READ),
        rule("networking.k8s.io", List.of("ingresses", "ingressclasses"), READ),
        rule("networking.k8s.io", List.of("ingresses/status"), List.of("*")),
        rule("", List.of("configmaps"), List.of("create", "get", "list", "watch", "update")),
        rule("authentication.k8s.io", List.of("tokenreviews"), List.of("create")),
        rule("authorization.k8s.io", List.of("subjectaccessreviews"), List.of("create")),
        rule(
            List.of("gateway.networking.k8s.io", "gateway.networking.x-k8s.io"),
            List.of("*"),
            List.of("get", "watch", "list")),
        rule(
            "gateway.networking.x-k8s.io",
            List.of("xbackendtrafficpolicies/status"),
            List.of("update", "patch")),
        rule(
            "gateway.networking.k8s.io",
            List.of(
                "backendtlspolicies/status",
                "gatewayclasses/status",
                "gateways/status",
                "grpcroutes/status",
                "httproutes/status",
                "referencegrants/status",
                "tcproutes/status",
                "tlsroutes/status",
                "udproutes/status",
                "listenersets/status"),
            List.of("update", "patch")),
        rule(
            "gateway.networking.k8s.io",
            List.of("gatewayclasses"),
            List.of("create", "update", "patch", "delete")),
        rule(
            "inference.networking.k8s.io",
            List.of("inferencepools"),
            List.of("get", "watch", "list")),
        rule(
            "inference.networking.k8s.io",
            List.of("inferencepools/status"),
            List.of("update", "patch")),
        rule("", List.of("secrets"), List.of("get", "watch", "list")),
        rule(
            MCS_GROUP,
            List.of("serviceexports"),
            List.of("get", "watch", "list", "create", "delete")),
        rule(MCS_GROUP, List.of("serviceimports"), List.of("get", "watch", "list")));
  }

  /** istiod deploys gateways and waypoints for Gateway API resources. */
  private static List<PolicyRule> gatewayControllerRules() {
    return List.of(
        rule("apps", List.of("deployments"), READ_WRITE),
        rule("autoscaling", List.of("horizontalpodautoscalers"), READ_WRITE),
        rule("policy", List.of("poddisruptionbudgets"), READ_WRITE),
        rule("", List.of("services"), READ_WRITE),
        rule("", List.of("serviceaccounts"), READ_WRITE));
  }

  private static List<PolicyRule> readerRules() {
    return List.of(
        rule(ISTIO_GROUPS, List.of("*"), READ),
        rule(
            "",
            List.of(
                "endpoints",
                "pods",
                "services",
                "nodes",
                "replicationcontrollers",
                "namespaces",
                "secrets",
                "configmaps"),
            READ),
        rule("networking.istio.io", List.of("workloadentries"), List.of("get", "watch", "list")),
        rule(
            List.of("networking.x-k8s.io", "gateway.networking.k8s.io"),
            List.of("gateways"),
            List.of("get", "watch", "list")),
        rule("apiextensions.k8s.io", List.of("customresourcedefinitions"), READ),
        rule("discovery.k8s.io", List.of("endpointslices"), READ),
        rule(
            MCS_GROUP,
            List.of("serviceexports"),
            List.of("get", "list", "watch", "create", "delete")),
        rule(MCS_GROUP, List.of("serviceimports"), READ),
        rule("apps", List.of("replicasets"), READ),
        rule("authentication.k8s.io", List.of("tokenreviews"), List.of("create")),
        rule("authorization.k8s.io", List.of("subjectaccessreviews"), List.of("create")));
  }
}
