package dev.meshoperator.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDigestsTest {

  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  @Test
  void aKnownDigestReplacesTheTagAndAnUnknownOneLeavesTheReference() {
    ImageDigests digests =
        new ImageDigests(Map.of("registry.example.com:5000/team/pilot:1.31.4", DIGEST));

    assertThat(digests.pin("registry.example.com:5000/team/pilot:1.31.4"))
        .as("the registry's port is not a tag")
        .isEqualTo("registry.example.com:5000/team/pilot@" + DIGEST);
    assertThat(digests.pin("docker.io/istio/proxyv2:1.31.4"))
        .isEqualTo("docker.io/istio/proxyv2:1.31.4");
  }

  @Test
  void onlyEveryImageKnownPinsAll() {
    ImageDigests digests = new ImageDigests(Map.of("a:1", DIGEST, "b:1", DIGEST));

    assertThat(digests.pinsAll(List.of("a:1", "b:1"))).isTrue();
    assertThat(digests.pinsAll(List.of("a:1", "c:1"))).isFalse();
    assertThat(ImageDigests.NONE.pinsAll(List.of("a:1"))).isFalse();
  }

  @Test
  void aReferenceByDigestStaysAndCountsAsPinned() {
    String pinned = "docker.io/istio/pilot@" + DIGEST;

    assertThat(ImageDigests.NONE.pin(pinned)).isEqualTo(pinned);
    assertThat(ImageDigests.NONE.pinsAll(List.of(pinned))).isTrue();
  }

  @Test
  void theReleaseScriptsFileIsReadWithTagsAndPorts(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("image-digests.properties");
    Files.writeString(
        file,
        "docker.io/meshoperator/mesh-operator:0.2.0="
            + DIGEST
            + "\nregistry.example.com:5000/istio/pilot:1.31.4="
            + DIGEST
            + "\n");

    ImageDigests digests = ImageDigests.read(file);

    assertThat(digests.byReference())
        .containsOnlyKeys(
            "docker.io/meshoperator/mesh-operator:0.2.0",
            "registry.example.com:5000/istio/pilot:1.31.4");
    assertThat(digests.pin("docker.io/meshoperator/mesh-operator:0.2.0"))
        .isEqualTo("docker.io/meshoperator/mesh-operator@" + DIGEST);
  }

  @Test
  void aDigestThatIsNotSha256IsRefusedNamingTheImage() {
    assertThatThrownBy(() -> new ImageDigests(Map.of("a:1", "latest")))
        .hasMessageContaining("a:1")
        .hasMessageContaining("sha256");
  }
}
