package dev.meshoperator.istioapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.testing.Tiers;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CRDs the operator renders for each release line are upstream's, field for field: compared
 * with the istio.io/api module's own file, fetched here through the Go module proxy independently
 * of the build's packaging.
 */
@Tag(Tiers.ISTIO)
class PublishedApiIT {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final IstioCatalog CATALOG = IstioCatalog.load();

  static Stream<String> packagedReleases() {
    return CATALOG.packagedApiReleases().stream();
  }

  @ParameterizedTest(name = "istio.io/api {0}")
  @MethodSource("packagedReleases")
  void theCrdsAreUpstreamsFieldForField(String release) throws Exception {
    Map<String, JsonNode> upstream = upstreamCrds(release);
    List<CustomResourceDefinition> rendered = new PublishedApis().of(release).crds();

    assertThat(rendered)
        .extracting(c -> c.getMetadata().getName())
        .containsExactlyElementsOf(upstream.keySet());
    for (CustomResourceDefinition crd : rendered) {
      JsonNode ours = Serialization.jsonMapper().valueToTree(crd);
      JsonNode theirs = upstream.get(crd.getMetadata().getName());
      assertThat(sameJson(ours.get("spec"), theirs.get("spec")))
          .as("spec of %s equals istio.io/api %s's", crd.getMetadata().getName(), release)
          .isTrue();
      assertThat(sameJson(ours.get("metadata"), theirs.get("metadata"))).isTrue();
    }
  }

  private static Map<String, JsonNode> upstreamCrds(String release) throws Exception {
    Process download =
        new ProcessBuilder("go", "mod", "download", "-json", "istio.io/api@v" + release)
            .directory(Path.of(System.getProperty("java.io.tmpdir")).toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    JsonNode module =
        new ObjectMapper()
            .readTree(new String(download.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    assertThat(download.waitFor()).as("go mod download istio.io/api@v%s", release).isZero();
    Path file =
        Path.of(module.get("Dir").asText(), "kubernetes/customresourcedefinitions.gen.yaml");
    Map<String, JsonNode> crds = new LinkedHashMap<>();
    try (var parser = YAML.getFactory().createParser(Files.newBufferedReader(file))) {
      for (Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
        JsonNode document = it.next();
        if (document != null && !document.isNull()) {
          crds.put(document.path("metadata").path("name").asText(), document);
        }
      }
    } catch (IOException e) {
      throw new IOException("cannot read " + file, e);
    }
    return crds;
  }

  /** Equal trees, numbers compared by value (a schema's 4294967295 may come back as a double). */
  private static boolean sameJson(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isObject() && b.isObject()) {
      List<String> names = new ArrayList<>();
      a.fieldNames().forEachRemaining(names::add);
      List<String> other = new ArrayList<>();
      b.fieldNames().forEachRemaining(other::add);
      if (names.size() != other.size() || !other.containsAll(names)) {
        return false;
      }
      return names.stream().allMatch(n -> sameJson(a.get(n), b.get(n)));
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!sameJson(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }
}
