package dev.meshoperator.translate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Why a setting of the source has no place in a MeshInstallation, by where it sits. */
final class NotCarried {

  private static final Map<Pattern, String> REASONS = new LinkedHashMap<>();

  static {
    reason(
        "\\.k8s\\.overlays",
        "istioctl's overlay paths are not translated; rewrite them as spec.overlays (JSON"
            + " patches) where no typed field covers the setting");
    reason(
        "\\.(cni|ztunnel)\\.k8s\\.(replicaCount|hpaSpec|podDisruptionBudget)",
        "a node agent runs one pod per node: replicas, autoscaling and disruption budgets do not"
            + " apply");
    reason(
        "\\.k8s\\.(readinessProbe|strategy|securityContext|imagePullPolicy)",
        "the operator sets this as upstream's charts do; no field changes it");
    reason(
        "\\.k8s\\.(volumes|volumeMounts)",
        "extra volumes are offered for istiod only, from a Secret, ConfigMap, CSI driver or"
            + " emptyDir: move them to spec.components.pilot.volumes and volumeMounts");
    reason(
        "\\.k8s\\.hpaSpec\\.", "only the autoscaling bounds (minReplicas, maxReplicas) are kept");
    reason(
        "\\.ports\\[\\d+]\\.nodePort",
        "node ports are left to Kubernetes to choose; a fixed nodePort is not offered");
    reason(
        "\\.k8s\\.service\\.",
        "only the Service's type, ports, load balancer and traffic policy are kept");
    reason("\\.label\\.", "gateway labels other than upstream's own are not offered");
    reason(
        "(components\\.istiodRemote|values\\.istiodRemote|values\\.global\\.multiCluster|"
            + "values\\.global\\.remote)",
        "multi-cluster installations are not offered yet");
    reason(
        "values\\.sidecarInjectorWebhook",
        "of the injector's settings, only its selectors and templates are offered");
    reason("values\\.gateways\\.", "gateway chart values are not read; use components.gateways");
    reason(
        "values\\.global\\.proxy\\.",
        "only the sidecar's resources, log level, concurrency, start-up hold, capture ranges and"
            + " excluded ports, the cluster domain and the injection policy are offered; a value"
            + " the API would refuse is not carried");
    reason("spec\\.installPackagePath", "the operator renders its own templates");
    reason("spec\\.unvalidatedValues", "unvalidated values are not carried");
  }

  private NotCarried() {}

  static String reason(String path) {
    return REASONS.entrySet().stream()
        .filter(e -> e.getKey().matcher(path).find())
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse("the MeshInstallation has no field for this setting");
  }

  private static void reason(String pattern, String why) {
    REASONS.put(Pattern.compile(pattern), why);
  }
}
