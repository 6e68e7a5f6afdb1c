package dev.meshoperator.owncrd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshoperator.apply.Applier;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Brings the cluster's MeshInstallation CRD up to the one this operator ships, as the operator
 * starts leading. Helm installs a chart's {@code crds/} once and never upgrades them, and a CRD
 * older than the operator prunes the new fields users set. So: when the cluster's CRD lacks
 * anything of the packaged one, and was written by an older operator (its {@value
 * #VERSION_ANNOTATION}) or by no operator at all (Helm, kubectl), the packaged one is applied. A
 * CRD from a newer operator is never downgraded, and a current one is not written. OLM upgrades
 * CRDs itself: its bundle turns this off ({@code mesh.own-crd.upgrade-on-start}).
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
    /** No CRD: installing it is the install path's job (the chart, the manifest, OLM). */
    ABSENT
  }

  private final KubernetesClient client;
  private final boolean enabled;
  private final OperatorVersion version;

  public OwnCrdUpgrade(
      KubernetesClient client,
      @ConfigProperty(name = "mesh.own-crd.upgrade-on-start", defaultValue = "true")
          boolean enabled,
      @ConfigProperty(name = "quarkus.application.version") String version) {
    this.client = client;
    this.enabled = enabled;
    this.version =
        OperatorVersion.parse(version)
            .orElseThrow(() -> new IllegalStateException("not a release version: " + version));
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
    try {
      CustomResourceDefinition packaged = packaged();
      CustomResourceDefinition current =
          client.apiextensions().v1().customResourceDefinitions().withName(CRD_NAME).get();
      Decision decision = decide(packaged, current, version);
      switch (decision) {
        case UPGRADE -> {
          String from = writtenBy(current).orElse("an install without a version mark");
          String lacking = missing(packaged, current).orElse("");
          packaged.getMetadata().getAnnotations().put(VERSION_ANNOTATION, version.toString());
          client
              .resource(packaged)
              .fieldManager(Applier.FIELD_MANAGER)
              .forceConflicts()
              .serverSideApply();
          LOG.infof(
              "Updated the MeshInstallation CRD from %s to this operator's (%s): it lacked spec%s",
              from, version, lacking);
        }
        case NEWER ->
            LOG.warnf(
                "The MeshInstallation CRD is from operator %s, newer than this one (%s): left as"
                    + " it is",
                writtenBy(current).orElseThrow(), version);
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
        if (isZero(field.getValue()) && !live.has(field.getKey())) {
          // The API server omits zero values of optional fields (Go's omitempty).
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

  private static boolean isZero(JsonNode value) {
    return value.isNull()
        || (value.isNumber() && value.asDouble() == 0)
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
        crd.getMetadata().setAnnotations(new java.util.HashMap<>());
      }
      return crd;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
