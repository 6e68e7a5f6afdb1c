package dev.meshoperator.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.Platform;
import dev.meshoperator.plan.JsonMerge;
import dev.meshoperator.plan.PlatformPreset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IstioOperator (what {@code istioctl install -f} reads) or a file of Istio's Helm values into a
 * MeshInstallation. The chart values an IstioOperator carries in {@code spec.values} are the same
 * values a Helm user writes, so both go through one path. Every setting of the source is either
 * carried to a field that means the same, or listed with the reason it is not.
 */
public final class IstioOperatorTranslator {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Set<String> PROFILES =
      Set.of("default", "minimal", "demo", "ambient", "empty");
  private static final Set<String> PLATFORMS =
      Set.of("eks", "gke", "k3d", "k3s", "microk8s", "minikube", "openshift");
  private static final Set<String> LOG_LEVELS =
      Set.of("trace", "debug", "info", "warning", "error", "critical", "off");

  /** An image tag that names a release, maybe with a variant suffix ({@code -distroless}). */
  private static final Pattern RELEASE_TAG = Pattern.compile("^(\\d+\\.\\d+\\.\\d+)(-.+)?$");

  private static final String DEFAULT_NAMESPACE = "istio-system";
  private static final String VALUES = "spec.values";

  private IstioOperatorTranslator() {}

  /** {@code document} is an IstioOperator, or, when it has no kind, a file of Helm values. */
  public static Translation translate(JsonNode document) {
    boolean helmValues = !document.has("kind");
    if (!helmValues && !"IstioOperator".equals(document.path("kind").asText())) {
      throw new IllegalArgumentException(
          "not an IstioOperator (kind is "
              + document.path("kind").asText()
              + ") and not a file of Helm values (those have no kind)");
    }
    JsonNode operator = helmValues ? wrapValues(document) : document;
    SourceTree source = new SourceTree(operator);
    List<Untranslated> notes = new ArrayList<>();
    ObjectNode spec = new Run(source, notes).spec();

    ObjectNode installation = JSON.objectNode();
    installation.put("apiVersion", MeshInstallation.GROUP + "/" + MeshInstallation.VERSION);
    installation.put("kind", "MeshInstallation");
    ObjectNode metadata = installation.putObject("metadata");
    metadata.put("name", source.take("metadata.name").map(JsonNode::asText).orElse("istio"));
    source.accept("metadata");
    source.accept("apiVersion");
    source.accept("kind");
    installation.set("spec", spec);

    for (String path : source.leftOver("spec")) {
      notes.add(new Untranslated(path, NotCarried.reason(path)));
    }
    List<Untranslated> shown =
        notes.stream()
            .map(n -> helmValues ? new Untranslated(valuesPath(n.path()), n.reason()) : n)
            .sorted(Comparator.comparing(Untranslated::path))
            .toList();
    return new Translation(installation, shown);
  }

  private static JsonNode wrapValues(JsonNode values) {
    ObjectNode operator = JSON.objectNode();
    operator.put("kind", "IstioOperator");
    operator.putObject("spec").set("values", values);
    return operator;
  }

  /** A note's path as the user wrote it in a values file. */
  private static String valuesPath(String path) {
    return path.startsWith(VALUES + ".") ? path.substring(VALUES.length() + 1) : path;
  }

  /** One translation: the source, the notes, and the spec being built. */
  private static final class Run {

    private final SourceTree source;
    private final List<Untranslated> notes;
    private final ObjectNode spec = JSON.objectNode();

    Run(SourceTree source, List<Untranslated> notes) {
      this.source = source;
      this.notes = notes;
    }

    ObjectNode spec() {
      version();
      profileAndPlatform();
      namespace();
      text("spec.compatibilityVersion", "compatibilityVersion");
      text(VALUES + ".compatibilityVersion", "compatibilityVersion");
      text("spec.hub", "hub");
      text(VALUES + ".global.hub", "hub");
      source
          .take(VALUES + ".global.imagePullSecrets")
          .ifPresent(n -> spec.set("imagePullSecrets", n));
      revision();
      meshConfig();
      meshValues();
      components();
      defaults();
      return spec;
    }

    /** The image tag, from the spec or the values (the spec's wins), as the release it names. */
    private void version() {
      Optional<Map.Entry<String, String>> tag = specOrValues("tag", "global.tag");
      tag.ifPresent(
          found -> {
            Matcher release = RELEASE_TAG.matcher(found.getValue());
            if (!release.matches()) {
              notes.add(
                  new Untranslated(
                      found.getKey(),
                      "the tag "
                          + found.getValue()
                          + " names no Istio release; set spec.version to the release that runs"));
              return;
            }
            spec.put("version", release.group(1));
            if (release.group(2) != null) {
              notes.add(
                  new Untranslated(
                      found.getKey(),
                      "the image variant "
                          + release.group(2).substring(1)
                          + " is not offered; version "
                          + release.group(1)
                          + " runs the default images"));
            }
          });
    }

    /**
     * A setting an IstioOperator may hold in its spec or in its chart values ({@code spec.profile},
     * {@code values.profile}): the spec's wins, and a values one that says otherwise is noted; with
     * the path it came from, for notes.
     */
    private Optional<Map.Entry<String, String>> specOrValues(String name) {
      return specOrValues(name, name);
    }

    private Optional<Map.Entry<String, String>> specOrValues(String name, String valuesName) {
      String specPath = "spec." + name;
      String valuesPath = VALUES + "." + valuesName;
      Optional<String> fromValues = source.take(valuesPath).map(JsonNode::asText);
      Optional<String> fromSpec = source.take(specPath).map(JsonNode::asText);
      if (fromSpec.isPresent() && fromValues.isPresent() && !fromSpec.equals(fromValues)) {
        notes.add(new Untranslated(valuesPath, "differs from " + specPath + ", which is kept"));
      }
      return fromSpec
          .map(v -> Map.entry(specPath, v))
          .or(() -> fromValues.map(v -> Map.entry(valuesPath, v)));
    }

    private void profileAndPlatform() {
      Optional<Map.Entry<String, String>> named = specOrValues("profile");
      String profile = named.map(Map.Entry::getValue).orElse("default");
      if (profile.equals("openshift") || profile.equals("openshift-ambient")) {
        spec.put("platform", "openshift");
        profile = profile.equals("openshift-ambient") ? "ambient" : "default";
      }
      if (PROFILES.contains(profile)) {
        spec.put("profile", profile);
      } else {
        notes.add(
            new Untranslated(
                named.orElseThrow().getKey(),
                "the profile "
                    + profile
                    + " is not offered ("
                    + String.join(", ", PROFILES.stream().sorted().toList())
                    + " are); "
                    + (profile.equals("remote")
                        ? "multi-cluster installations are not offered yet"
                        : "the default profile is used")));
        spec.put("profile", "default");
      }
      source
          .take(VALUES + ".global.platform")
          .map(JsonNode::asText)
          .ifPresent(
              platform -> {
                if (PLATFORMS.contains(platform)) {
                  spec.put("platform", platform);
                } else {
                  notes.add(
                      new Untranslated(
                          VALUES + ".global.platform",
                          "the platform " + platform + " is not one the installation knows"));
                }
              });
    }

    private void namespace() {
      Optional<String> namespace = source.take("spec.namespace").map(JsonNode::asText);
      Optional<String> istio = source.take(VALUES + ".global.istioNamespace").map(JsonNode::asText);
      String chosen = namespace.or(() -> istio).orElse(DEFAULT_NAMESPACE);
      if (namespace.isPresent() && istio.isPresent() && !namespace.equals(istio)) {
        notes.add(
            new Untranslated(
                VALUES + ".global.istioNamespace",
                "differs from spec.namespace; the control plane goes to " + chosen));
      }
      if (!chosen.equals(DEFAULT_NAMESPACE)) {
        spec.put("namespace", chosen);
      }
    }

    private void revision() {
      specOrValues("revision")
          .ifPresent(
              revision -> {
                spec.putObject("updateStrategy").put("type", "RevisionBased");
                notes.add(
                    new Untranslated(
                        revision.getKey(),
                        "the operator names revisions itself (<installation>-<version>); "
                            + revision.getValue()
                            + " is not kept, and updateStrategy.type RevisionBased is set"));
              });
    }

    /** Both mesh configs, merged deeply as istioctl merges them: the spec's wins. */
    private void meshConfig() {
      ObjectNode merged = JSON.objectNode();
      source
          .take(VALUES + ".meshConfig")
          .filter(JsonNode::isObject)
          .ifPresent(n -> merged.setAll(JsonMerge.merge(merged, n)));
      source
          .take("spec.meshConfig")
          .filter(JsonNode::isObject)
          .ifPresent(n -> merged.setAll(JsonMerge.merge(merged, n)));
      if (!merged.isEmpty()) {
        spec.set("meshConfig", merged);
      }
    }

    /** The mesh-wide values the installation models: identity, sidecar defaults, policies. */
    private void meshValues() {
      ObjectNode values = JSON.objectNode();
      source.take(VALUES + ".global.meshID").ifPresent(n -> values.set("meshID", n));
      source.take(VALUES + ".global.network").ifPresent(n -> values.set("network", n));
      source
          .take(VALUES + ".global.multiCluster.clusterName")
          .ifPresent(n -> values.set("clusterName", n));
      source
          .take(VALUES + ".global.networkPolicy.enabled")
          .ifPresent(n -> values.putObject("networkPolicy").set("enabled", n));
      ObjectNode proxy = JSON.objectNode();
      String at = VALUES + ".global.proxy.";
      source.take(at + "resources").ifPresent(n -> proxy.set("resources", n));
      source.take(at + "concurrency").ifPresent(n -> proxy.set("concurrency", n));
      source
          .take(at + "holdApplicationUntilProxyStarts")
          .ifPresent(n -> proxy.set("holdApplicationUntilProxyStarts", n));
      source
          .peek(at + "logLevel")
          .map(JsonNode::asText)
          .filter(LOG_LEVELS::contains)
          .ifPresent(
              level -> {
                source.take(at + "logLevel");
                proxy.put("logLevel", level);
              });
      new ClusterSettings(source, VALUES).translate(values, proxy);
      if (!proxy.isEmpty()) {
        values.set("proxy", proxy);
      }
      if (!values.isEmpty()) {
        spec.set("values", values);
      }
    }

    private void components() {
      ObjectNode components = JSON.objectNode();
      source
          .take("spec.components.base.enabled")
          .ifPresent(n -> components.putObject("base").set("enabled", n));
      component(components, "pilot", "pilot", true);
      component(components, "cni", "cni", false);
      // Only the ambient data plane has them; elsewhere they stay named as not carried.
      ObjectNode redirection = JSON.objectNode();
      if ("ambient".equals(spec.path("profile").asText())) {
        for (String field : List.of("dnsCapture", "ipv6")) {
          source.take(VALUES + ".cni.ambient." + field).ifPresent(n -> redirection.set(field, n));
        }
      }
      if (!redirection.isEmpty()) {
        workload(components, "cni").set("ambient", redirection);
      }
      source
          .take(VALUES + ".pilot.serviceAccountAnnotations")
          .ifPresent(n -> workload(components, "pilot").set("serviceAccountAnnotations", n));
      component(components, "ztunnel", "ztunnel", false);
      source
          .take(VALUES + ".pilot.traceSampling")
          .ifPresent(
              n ->
                  workload(components, "pilot")
                      .with("env")
                      .put("PILOT_TRACE_SAMPLING", n.asText()));
      new Gateways(source, notes, spec).translate(components);
      if (!components.isEmpty()) {
        spec.set("components", components);
      }
    }

    private void component(ObjectNode components, String name, String values, boolean deployment) {
      String path = "spec.components." + name;
      ObjectNode target = workload(components, name);
      source.take(path + ".enabled").ifPresent(n -> target.set("enabled", n));
      source
          .take(VALUES + "." + values + ".enabled")
          .ifPresent(n -> target.putIfAbsent("enabled", n));
      source.take(path + ".hub").ifPresent(n -> target.set("hub", n));
      source.take(path + ".tag").ifPresent(n -> target.put("tag", n.asText()));
      // The node agents run where the platform preset says (kube-system on OpenShift, as
      // istioctl's openshift profiles put them); everything else beside istiod.
      boolean nodeAgent = name.equals("cni") || name.equals("ztunnel");
      boolean openshift = "openshift".equals(spec.path("platform").asText());
      String runsIn =
          nodeAgent && openshift
              ? PlatformPreset.of(Platform.OPENSHIFT).nodeAgentNamespace()
              : spec.path("namespace").asText(DEFAULT_NAMESPACE);
      source
          .take(path + ".namespace")
          .map(JsonNode::asText)
          .filter(ns -> !ns.equals(runsIn))
          .ifPresent(
              ns ->
                  notes.add(
                      new Untranslated(
                          path + ".namespace",
                          "the operator runs " + name + " in " + runsIn + ", not in " + ns)));
      WorkloadSettings settings = new WorkloadSettings(source, target, deployment, notes);
      settings.fromKubernetesBlock(path + ".k8s");
      settings.fromValues(VALUES + "." + values);
      if (target.isEmpty()) {
        components.remove(name);
      }
    }

    private static ObjectNode workload(ObjectNode components, String name) {
      return components.with(name);
    }

    /** Values upstream's charts default to and the operator does the same: nothing to carry. */
    private void defaults() {
      acceptIf(VALUES + ".global.configValidation", true);
      acceptIf(VALUES + ".defaultRevision", "");
      acceptIf(VALUES + ".ztunnel.resourceName", "ztunnel");
      source
          .peek(VALUES + ".gateways")
          .ifPresent(
              gateways ->
                  gateways
                      .fieldNames()
                      .forEachRemaining(
                          name -> {
                            if (gateways.get(name).isEmpty()) {
                              source.accept(VALUES + ".gateways." + name);
                            }
                          }));
    }

    private void acceptIf(String path, Object value) {
      source
          .peek(path)
          .filter(n -> n.asText().equals(String.valueOf(value).toLowerCase(Locale.ROOT)))
          .ifPresent(n -> source.accept(path));
    }

    private void text(String from, String to) {
      source
          .take(from)
          .ifPresent(
              n -> {
                if (!spec.has(to)) {
                  spec.put(to, n.asText());
                } else if (!spec.get(to).asText().equals(n.asText())) {
                  notes.add(
                      new Untranslated(from, "differs from the spec's " + to + ", which is kept"));
                }
              });
    }
  }
}
