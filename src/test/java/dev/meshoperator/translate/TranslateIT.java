package dev.meshoperator.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshoperator.localcluster.CrdInstaller;
import dev.meshoperator.testing.LocalClusterExtension;
import dev.meshoperator.testing.Tiers;
import dev.meshoperator.testing.UpstreamIstioModule;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code mesh-operator translate} on the IstioOperator profiles of the istio.io/istio module the
 * Istio tier pins, and on a production file: what each becomes, what is named as not carried, and
 * that the API server takes the result as it is (a strict, dry-run create against the real CRD).
 * The packaged jar runs the command as a user would, without starting the operator.
 */
@ExtendWith(LocalClusterExtension.class)
@Tag(Tiers.CLUSTER)
class TranslateIT {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path PRODUCTION = Path.of("src/test/resources/translate/production.yaml");

  /**
   * Each profile file of the pinned module: the profile, the platform, the paths not carried. The
   * files are what istioctl lays under a user's file for {@code spec.profile}, and some do not name
   * their profile (empty, minimal): those translate to the default profile with the components the
   * file turns off turned off.
   */
  private static final Map<String, Expected> PROFILES =
      Map.of(
          "ambient", new Expected("ambient", null, List.of()),
          "default", new Expected("default", null, List.of("spec.tag")),
          "demo", new Expected("demo", null, List.of()),
          "empty", new Expected("default", null, List.of()),
          "minimal", new Expected("default", null, List.of()),
          // Their node agents in kube-system are where the openshift platform puts them.
          "openshift", new Expected("default", "openshift", List.of()),
          "openshift-ambient", new Expected("ambient", "openshift", List.of()),
          "preview", new Expected("default", null, List.of("spec.values.profile")),
          "remote", new Expected("default", null, List.of("spec.values.profile")),
          "stable", new Expected("default", null, List.of("spec.values.profile")));

  private record Expected(String profile, String platform, List<String> untranslated) {}

  @BeforeAll
  static void installTheCrd(KubernetesClient admin) throws IOException {
    CrdInstaller.install(
        admin, Path.of("src/main/resources/crds/meshinstallations.mesh.operator.dev-v1.yml"));
  }

  @Test
  void upstreamsProfilesTranslateAndTheApiServerTakesEach(KubernetesClient admin) throws Exception {
    Path profiles = UpstreamIstioModule.directory().resolve("manifests/profiles");
    TreeSet<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.list(profiles)) {
      files.forEach(f -> names.add(f.getFileName().toString().replaceFirst("\\.yaml$", "")));
    }
    assertThat(names)
        .as("the pinned module's profiles")
        .isEqualTo(new TreeSet<>(PROFILES.keySet()));
    for (String name : names) {
      Expected expected = PROFILES.get(name);
      Translation translation =
          IstioOperatorTranslator.translate(
              YAML.readTree(profiles.resolve(name + ".yaml").toFile()));
      JsonNode spec = translation.installation().path("spec");
      assertThat(spec.path("profile").asText()).as(name).isEqualTo(expected.profile());
      assertThat(spec.path("platform").asText(null)).as(name).isEqualTo(expected.platform());
      assertThat(translation.untranslated())
          .as(name)
          .extracting(Untranslated::path)
          .containsExactlyElementsOf(expected.untranslated());
      acceptedByTheApiServer(admin, translation, "profile-" + name);
    }
    JsonNode empty =
        IstioOperatorTranslator.translate(YAML.readTree(profiles.resolve("empty.yaml").toFile()))
            .installation()
            .path("spec")
            .path("components");
    assertThat(empty.path("base").path("enabled").asBoolean(true)).isFalse();
    assertThat(empty.path("pilot").path("enabled").asBoolean(true)).isFalse();
    assertThat(empty.path("gateways").get(0).path("enabled").asBoolean(true)).isFalse();
  }

  @Test
  void aProductionFileIsTakenByTheApiServerAsTranslated(KubernetesClient admin) throws Exception {
    Translation translation = IstioOperatorTranslator.translate(YAML.readTree(PRODUCTION.toFile()));
    acceptedByTheApiServer(admin, translation, "production");
  }

  @Test
  void thePackagedJarTranslatesWithoutStartingTheOperator() throws Exception {
    Process command =
        new ProcessBuilder(
                "java",
                "-jar",
                "target/quarkus-app/quarkus-run.jar",
                "translate",
                PRODUCTION.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(command.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(command.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(command.exitValue()).isZero();
    Translation expected = IstioOperatorTranslator.translate(YAML.readTree(PRODUCTION.toFile()));
    assertThat(out).isEqualTo(TranslateCommand.render(expected)).doesNotContain("Quarkus");
    assertThat(YAML.readTree(out)).isEqualTo(expected.installation());
  }

  /** A strict, dry-run create: the CRD's schema and rules decide, nothing is stored. */
  private static void acceptedByTheApiServer(
      KubernetesClient admin, Translation translation, String name) throws IOException {
    GenericKubernetesResource mesh =
        YAML.treeToValue(translation.installation(), GenericKubernetesResource.class);
    mesh.getMetadata().setName("translated-" + name);
    admin.resource(mesh).dryRun().fieldValidation(FieldValidateable.Validation.STRICT).create();
  }
}
