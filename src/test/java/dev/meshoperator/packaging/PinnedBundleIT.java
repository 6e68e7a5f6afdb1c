package dev.meshoperator.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.catalog.RelatedImages;
import dev.meshoperator.testing.Tiers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The bundle with its images named by digest, as a release pins them (hack/release/image-digests):
 * here with the digest of the operator's image built on this machine, as podman pushes it. The
 * digests of Istio's images come from their registry at release, which these machines cannot reach,
 * so they stay tags here and the bundle does not claim to work disconnected.
 */
@Tag(Tiers.PACKAGED)
class PinnedBundleIT {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String CSV = "manifests/mesh-operator.clusterserviceversion.yaml";
  private static final String STAND_IN = "sha256:" + "5e".repeat(32);

  @Test
  void theOperatorsImageBuiltHereIsNamedByItsDigestAndTheBundleStaysValid() throws Exception {
    String digest = ContainerImage.buildOrSkip().digest();
    assertThat(digest).matches("sha256:[0-9a-f]{64}");
    String version = OlmBundle.releaseVersion();
    String operator = "docker.io/meshoperator/mesh-operator";
    Map<String, String> bundle =
        OlmBundle.ofBuild(
            version, null, new ImageDigests(Map.of(operator + ":" + version, digest)));

    JsonNode csv = YAML.readTree(bundle.get(CSV));
    String pinned = operator + "@" + digest;
    JsonNode container = csv.at("/spec/install/spec/deployments/0/spec/template/spec/containers/0");
    assertThat(container.path("image").asText()).isEqualTo(pinned);
    assertThat(csv.at("/metadata/annotations/containerImage").asText()).isEqualTo(pinned);
    JsonNode related = csv.at("/spec/relatedImages");
    assertThat(related.get(0).path("name").asText()).isEqualTo("mesh-operator");
    assertThat(related.get(0).path("image").asText()).isEqualTo(pinned);
    for (int i = 1; i < related.size(); i++) {
      assertThat(related.get(i).path("image").asText())
          .as("Istio's images, whose digests only their registry knows")
          .startsWith("docker.io/istio/")
          .doesNotContain("@");
    }
    assertThat(csv.at("/metadata/annotations/features.operators.openshift.io~1disconnected"))
        .as("disconnected only when every image is pinned")
        .hasToString("\"false\"");

    assertValid(bundle, Path.of("target/pinned-bundle/operator"));
  }

  /**
   * Every image pinned, as a release pins them with the digests its registry gave (stand-ins here,
   * in the format hack/release/image-digests writes): the bundle then says it works disconnected.
   */
  @Test
  void aBundleWhoseEveryImageIsPinnedSaysItWorksDisconnected() throws Exception {
    String version = OlmBundle.releaseVersion();
    Map<String, String> digests = new TreeMap<>();
    digests.put("docker.io/meshoperator/mesh-operator:" + version, STAND_IN);
    RelatedImages.of(IstioCatalog.load()).forEach(i -> digests.put(i.reference(), STAND_IN));
    Map<String, String> bundle = OlmBundle.ofBuild(version, null, new ImageDigests(digests));

    JsonNode csv = YAML.readTree(bundle.get(CSV));
    assertThat(csv.at("/metadata/annotations/features.operators.openshift.io~1disconnected"))
        .hasToString("\"true\"");
    assertThat(csv.at("/spec/relatedImages").findValuesAsText("image"))
        .hasSize(digests.size())
        .allMatch(image -> image.endsWith("@" + STAND_IN));
    JsonNode container = csv.at("/spec/install/spec/deployments/0/spec/template/spec/containers/0");
    assertThat(container.path("env").findParents("name"))
        .filteredOn(e -> e.path("name").asText().startsWith("RELATED_IMAGE_"))
        .isNotEmpty()
        .allMatch(e -> e.path("value").asText().endsWith("@" + STAND_IN));
    assertValid(bundle, Path.of("target/pinned-bundle/every-image"));
  }

  private static void assertValid(Map<String, String> bundle, Path dir) throws Exception {
    for (Map.Entry<String, String> file : bundle.entrySet()) {
      Path path = dir.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    OlmValidation.assertAccepted("--bundle", dir.toString());
  }
}
