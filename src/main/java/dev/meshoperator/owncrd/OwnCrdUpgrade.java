package dev.meshoperator.owncrd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshoperator.apply.Applier;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Brings the cluster's MeshInstallation CRD up to the one this operator ships, as the operator
 * starts leading. Helm installs a chart's {@code crds/} once and never upgrades them, and a CRD
 * older than the operator prunes the new fields users set. So: when the cluster's CRD lacks
 * anything of the packaged one, defines no field the packaged one does not, and was not marked by a
 * newer operator (its {@value #VERSION_ANNOTATION}), the packaged one is applied. A newer CRD,
 * whoever applied it, is never downgraded, and a current one is not written. OLM upgrades CRDs
 * itself: its bundle turns this off ({@code mesh.own-crd.upgrade-on-start}).
 */
@Singleton
public class OwnCrdUpgrade {

  public static final String CRD_NAME = "meshinstallations.mesh.operator.dev";

  /** The operator release whose CRD this is, set on the CRD it applies. */
  public static final String VERSION_ANNOTATION = "mesh.operator.dev/operator-version";

  private static final String PACKAGED = "/crds/" + CRD_NAME + "-v1.yml";
  private static final Logger LOG = Logger.getLogger(OwnCrdUpgrade.class);

  /** What to do with the cluster's CRD. */
  enum Decision {
    /** The cluster's CRD holds all of the packaged one. */
    CURRENT,
    /** Older or unmarked, and missing some of the packaged schema: apply it. */
    UPGRADE,
    /** Written by a newer operator: leave it. */
    NEWER,
    /** It has fields this operator does not know (a newer CRD applied by hand): leave it. */
    UNKNOWN_FIELDS,
    /** No CRD: installing it is the install path's job (the chart, the manifest, OLM). */
    ABSENT
  }

  private final KubernetesClient client;
  private final boolean enabled;

  /** Empty when this build's version is not a release number: then it changes nothing. */
  private final Optional<OperatorVersion> version;

  public OwnCrdUpgrade(
      KubernetesClient client,
      @ConfigProperty(name = "mesh.own-crd.upgrade-on-start", defaultValue = "true")
          boolean enabled,
      @ConfigProperty(name = "quarkus.application.version") String version) {
    this.client = client;
    this.enabled = enabled;
    this.version = OperatorVersion.parse(version);
  }

  /**
   * Applies the packaged CRD where {@link #decide} says so; logs why, and never fails the start.
   */
  public void run() {
    if (!enabled) {
      LOG.info(
          "The MeshInstallation CRD is left as it is (mesh.own-crd.upgrade-on-start is false)");
      return;
    }
    if (version.isEmpty()) {
      LOG.warn(
          "The MeshInstallation CRD is left as it is: this operator's version is not a release"
              + " number to compare with");
      return;
    }
    try {
      CustomResourceDefinition packaged = packaged();
      CustomResourceDefinition current =
          client.apiextensions().v1().customResourceDefinitions().withName(CRD_NAME).get();
      Decision decision = decide(packaged, current, version.get());
      switch (decision) {
        case UPGRADE -> {
          String from = writtenBy(current).orElse("an install without a version mark");
          String lacking = missing(packaged, current).orElse("");
          packaged.getMetadata().getAnnotations().put(VERSION_ANNOTATION, version.get().toString());
          client
              .resource(packaged)
              .fieldManager(Applier.FIELD_MANAGER)
              .forceConflicts()
              .serverSideApply();
          LOG.infof(
              "Updated the MeshInstallation CRD from %s to this operator's (%s): it lacked spec%s",
              from, version.get(), lacking);
        }
        case NEWER ->
            LOG.warnf(
                "The MeshInstallation CRD is from operator %s, newer than this one (%s): left as"
                    + " it is",
                writtenBy(current).orElseThrow(), version.get());
        case UNKNOWN_FIELDS ->
            LOG.warnf(
                "The MeshInstallation CRD has fields this operator (%s) does not know, such as"
                    + " %s: left as it is",
                version.get(), unknownFields(packaged, current).iterator().next());
        case CURRENT, ABSENT -> {}
      }
    } catch (RuntimeException e) {
      LOG.warnf(
          "The MeshInstallation CRD was not brought up to this operator's: %s. Apply"
              + " crds/%s-v1.yml from this release.",
          e.getMessage(), CRD_NAME);
    }
  }

  static Decision decide(
      CustomResourceDefinition packaged, CustomResourceDefinition current, OperatorVersion ours) {
    if (current == null) {
      return Decision.ABSENT;
    }
    Optional<OperatorVersion> theirs = writtenBy(current).flatMap(OperatorVersion::parse);
    if (theirs.isPresent() && theirs.get().compareTo(ours) > 0) {
      return Decision.NEWER;
    }
    // A version mark outlives other writers (kubectl, Argo CD keep annotations they do not set),
    // so what decides against a downgrade is the schema itself.
    if (!unknownFields(packaged, current).isEmpty()) {
      return Decision.UNKNOWN_FIELDS;
    }
    return missing(packaged, current).isEmpty() ? Decision.CURRENT : Decision.UPGRADE;
  }

  /** The first field of the packaged CRD's spec the cluster's lacks, as {@code .versions[0]...}. */
  static Optional<String> missing(
      CustomResourceDefinition packaged, CustomResourceDefinition current) {
    return firstMissing(
        Serialization.jsonMapper().valueToTree(packaged.getSpec()),
        Serialization.jsonMapper().valueToTree(current.getSpec()),
        "");
  }

  /** Fields the cluster's CRD defines and the packaged one does not, by path. */
  static SortedSet<String> unknownFields(
      CustomResourceDefinition packaged, CustomResourceDefinition current) {
    SortedSet<String> unknown = fieldPaths(current);
    unknown.removeAll(fieldPaths(packaged));
    return unknown;
  }

  private static SortedSet<String> fieldPaths(CustomResourceDefinition crd) {
    SortedSet<String> paths = new TreeSet<>();
    for (CustomResourceDefinitionVersion served : crd.getSpec().getVersions()) {
      if (served.getSchema() != null && served.getSchema().getOpenAPIV3Schema() != null) {
        collect(served.getName(), served.getSchema().getOpenAPIV3Schema(), paths);
      }
    }
    return paths;
  }

  private static void collect(String path, JSONSchemaProps schema, SortedSet<String> paths) {
    if (schema.getProperties() != null) {
      schema
          .getProperties()
          .forEach(
              (name, child) -> {
                paths.add(path + "." + name);
                collect(path + "." + name, child, paths);
              });
    }
    if (schema.getItems() != null && schema.getItems().getSchema() != null) {
      collect(path + "[]", schema.getItems().getSchema(), paths);
    }
    if (schema.getAdditionalProperties() != null
        && schema.getAdditionalProperties().getSchema() != null) {
      collect(path + "{}", schema.getAdditionalProperties().getSchema(), paths);
    }
  }

  private static Optional<String> writtenBy(CustomResourceDefinition crd) {
    Map<String, String> annotations = crd.getMetadata().getAnnotations();
    return Optional.ofNullable(annotations == null ? null : annotations.get(VERSION_ANNOTATION));
  }

  /**
   * Whether {@code live} has every field of {@code wanted} with the same value (the API server adds
   * defaults of its own, which do not count).
   */
  static boolean covers(JsonNode wanted, JsonNode live) {
    return firstMissing(wanted, live, "").isEmpty();
  }

  /** The first path where {@code live} lacks or differs from {@code wanted}, if any. */
  static Optional<String> firstMissing(JsonNode wanted, JsonNode live, String path) {
    if (wanted.isObject()) {
      if (!live.isObject()) {
        return Optional.of(path);
      }
      for (Iterator<Map.Entry<String, JsonNode>> fields = wanted.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (omittedWhenZero(field.getKey(), field.getValue()) && !live.has(field.getKey())) {
          continue;
        }
        String child = path + "." + field.getKey();
        if (!live.has(field.getKey())) {
          return Optional.of(child);
        }
        Optional<String> missing = firstMissing(field.getValue(), live.get(field.getKey()), child);
        if (missing.isPresent()) {
          return missing;
        }
      }
      return Optional.empty();
    }
    if (wanted.isArray()) {
      if (!live.isArray() || live.size() != wanted.size()) {
        return Optional.of(path);
      }
      for (int i = 0; i < wanted.size(); i++) {
        Optional<String> missing = firstMissing(wanted.get(i), live.get(i), path + "[" + i + "]");
        if (missing.isPresent()) {
          return missing;
        }
      }
      return Optional.empty();
    }
    return wanted.equals(live) ? Optional.empty() : Optional.of(path);
  }

  /**
   * Whether the API server drops this zero value (Go's omitempty on a plain field): a column's
   * priority 0, a false flag, an empty text or list. Pointer fields keep theirs ({@code default},
   * {@code minimum}, {@code x-kubernetes-preserve-unknown-fields}), so a zero there is a real
   * difference.
   */
  private static boolean omittedWhenZero(String key, JsonNode value) {
    if (value.isNull()) {
      return true;
    }
    if (key.equals("default") || key.equals("x-kubernetes-preserve-unknown-fields")) {
      return false;
    }
    return (key.equals("priority") && value.isNumber() && value.asDouble() == 0)
        || (value.isBoolean() && !value.asBoolean())
        || (value.isTextual() && value.asText().isEmpty())
        || (value.isContainerNode() && value.isEmpty());
  }

  static CustomResourceDefinition packaged() {
    try (InputStream in = OwnCrdUpgrade.class.getResourceAsStream(PACKAGED)) {
      if (in == null) {
        throw new IllegalStateException(PACKAGED + " is not in the operator's jar");
      }
      CustomResourceDefinition crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
      if (crd.getMetadata().getAnnotations() == null) {
        crd.getMetadata().setAnnotations(new HashMap<>());
      }
      return crd;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
