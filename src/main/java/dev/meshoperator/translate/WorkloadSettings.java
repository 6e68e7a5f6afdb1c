package dev.meshoperator.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * One component's Kubernetes settings, from an IstioOperator's {@code components.<c>.k8s} block and
 * from the chart values that say the same ({@code values.pilot.*}), into a component of the
 * MeshInstallation ({@code components.pilot}, a gateway entry). What only a Deployment has
 * (replicas, autoscaling, a disruption budget) is carried for Deployments only: the node agents'
 * DaemonSets refuse it at admission.
 */
final class WorkloadSettings {

  /** Chart value keys a component's values share with the MeshInstallation's workload fields. */
  private static final Map<String, String> SAME_NAMED_VALUES =
      Map.of(
          "resources", "resources",
          "nodeSelector", "nodeSelector",
          "tolerations", "tolerations",
          "podAnnotations", "podAnnotations",
          "affinity", "affinity",
          "priorityClassName", "priorityClassName",
          "hub", "hub",
          "tag", "tag",
          "podLabels", "podLabels");

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final SourceTree source;
  private final ObjectNode target;
  private final boolean deployment;
  private final List<Untranslated> notes;

  WorkloadSettings(
      SourceTree source, ObjectNode target, boolean deployment, List<Untranslated> notes) {
    this.source = source;
    this.target = target;
    this.deployment = deployment;
    this.notes = notes;
  }

  /** An IstioOperator component's {@code k8s} block at {@code path}. */
  void fromKubernetesBlock(String path) {
    copy(path + ".affinity", "affinity");
    copy(path + ".nodeSelector", "nodeSelector");
    copy(path + ".podAnnotations", "podAnnotations");
    copy(path + ".priorityClassName", "priorityClassName");
    copy(path + ".tolerations", "tolerations");
    copy(path + ".resources", "resources");
    envList(path + ".env");
    if (deployment) {
      source.take(path + ".hpaSpec.minReplicas").ifPresent(n -> target.set("autoscaleMin", n));
      source.take(path + ".hpaSpec.maxReplicas").ifPresent(n -> target.set("autoscaleMax", n));
      source
          .peek(path + ".replicaCount")
          .ifPresent(
              n -> {
                if (target.has("autoscaleMin") || target.has("autoscaleMax")) {
                  notes.add(
                      new Untranslated(
                          path + ".replicaCount",
                          "a fixed replica count beside autoscaling bounds is refused;"
                              + " autoscaling was kept"));
                  source.accept(path + ".replicaCount");
                } else {
                  source.take(path + ".replicaCount");
                  target.set("replicas", n);
                }
              });
      disruptionBudget(path + ".podDisruptionBudget");
    }
  }

  /** A chart's values for the component at {@code path} ({@code spec.values.pilot}). */
  void fromValues(String path) {
    SAME_NAMED_VALUES.forEach((from, to) -> copyUnlessSet(path + "." + from, to));
    source
        .peek(path + ".env")
        .filter(JsonNode::isObject)
        .ifPresent(
            env -> {
              source.take(path + ".env");
              ObjectNode merged = JSON.objectNode();
              env.fields().forEachRemaining(e -> merged.put(e.getKey(), e.getValue().asText()));
              if (target.get("env") instanceof ObjectNode set) {
                merged.setAll(set);
              }
              target.set("env", merged);
            });
    if (!deployment) {
      return;
    }
    // Upstream's chart reads replicaCount only with autoscaling off, and then runs no HPA.
    boolean autoscale =
        source.peek(path + ".autoscaleEnabled").map(JsonNode::asBoolean).orElse(true);
    source.take(path + ".autoscaleEnabled");
    if (autoscale) {
      copyUnlessSet(path + ".autoscaleMin", "autoscaleMin");
      copyUnlessSet(path + ".autoscaleMax", "autoscaleMax");
      source
          .peek(path + ".replicaCount")
          .ifPresent(
              n -> {
                source.accept(path + ".replicaCount");
                notes.add(
                    new Untranslated(
                        path + ".replicaCount",
                        "applies only with autoscaleEnabled false, as in upstream's chart"));
              });
    } else if (target.has("autoscaleMin") || target.has("autoscaleMax")) {
      source.accept(path + ".replicaCount");
      notes.add(
          new Untranslated(
              path + ".autoscaleEnabled",
              "the component's k8s.hpaSpec asks for autoscaling, which was kept"));
    } else {
      source.accept(path + ".autoscaleMin");
      source.accept(path + ".autoscaleMax");
      JsonNode replicas = source.take(path + ".replicaCount").orElse(JSON.numberNode(1));
      target.putIfAbsent("replicas", replicas);
    }
  }

  private void envList(String path) {
    source
        .peek(path)
        .filter(JsonNode::isArray)
        .ifPresent(
            list -> {
              ObjectNode env = JSON.objectNode();
              for (int i = 0; i < list.size(); i++) {
                JsonNode entry = list.get(i);
                String at = path + "[" + i + "]";
                if (entry.hasNonNull("name") && !entry.has("valueFrom")) {
                  source.accept(at);
                  env.put(entry.get("name").asText(), entry.path("value").asText(""));
                } else if (entry.has("valueFrom")) {
                  source.accept(at);
                  notes.add(
                      new Untranslated(
                          at,
                          "env "
                              + entry.path("name").asText("?")
                              + " is read from a field, a Secret or a ConfigMap (valueFrom);"
                              + " the installation takes plain values only"));
                }
              }
              if (!env.isEmpty()) {
                target.set("env", env);
              }
            });
  }

  private void disruptionBudget(String path) {
    ObjectNode budget = JSON.objectNode();
    source.take(path + ".minAvailable").ifPresent(n -> budget.set("minAvailable", n));
    source.take(path + ".maxUnavailable").ifPresent(n -> budget.set("maxUnavailable", n));
    if (!budget.isEmpty()) {
      budget.put("enabled", true);
      target.set("podDisruptionBudget", budget);
    }
  }

  private void copy(String from, String to) {
    source.take(from).ifPresent(n -> target.set(to, n));
  }

  /**
   * The k8s block speaks for the component, as with istioctl: values fill gaps, and a value it
   * overrides with something else is reported.
   */
  private void copyUnlessSet(String from, String to) {
    if (!target.has(to)) {
      copy(from, to);
      return;
    }
    source
        .peek(from)
        .ifPresent(
            n -> {
              source.accept(from);
              if (!n.equals(target.get(to))) {
                notes.add(
                    new Untranslated(
                        from, "overridden by the component's k8s." + to + ", as istioctl does"));
              }
            });
  }
}
