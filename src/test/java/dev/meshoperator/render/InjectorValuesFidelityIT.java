package dev.meshoperator.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.plan.MeshPlan;
import dev.meshoperator.plan.PlanResolver;
import dev.meshoperator.testing.Installations;
import dev.meshoperator.testing.ProjectTools;
import dev.meshoperator.testing.Tiers;
import dev.meshoperator.testing.UpstreamIstioModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Holds the injector's templates and values against upstream's istiod chart, read from the
 * istio.io/istio module the Istio tier builds istiod from (the Go module cache; nothing of it is
 * committed): every template upstream ships is shipped, and every value upstream's templates read
 * is in the operator's values, with upstream's default unless a difference is listed here with its
 * reason.
 */
@Tag(Tiers.ISTIO)
class InjectorValuesFidelityIT {

  /** Upstream's template file for each of the operator's templates. */
  static final Map<String, String> UPSTREAM_FILE =
      Map.of(
          "sidecar", "injection-template.yaml",
          "gateway", "gateway-injection-template.yaml",
          "waypoint", "waypoint.yaml",
          "kube-gateway", "kube-gateway.yaml",
          "grpc-agent", "grpc-agent.yaml",
          "grpc-simple", "grpc-simple.yaml",
          "agentgateway", "agentgateway.yaml",
          "agentgateway-waypoint", "agentgateway-waypoint.yaml");

  /**
   * Values upstream's templates read that neither upstream's values nor the operator's hold: the
   * agentgateway image has no chart value; the templates fall back to the image istiod computes.
   */
  static final Set<String> IN_NEITHER = Set.of("/global/agentgateway/image");

  /** Values whose default the installation decides, not the chart. */
  static final Map<String, String> RESOLVED_PER_INSTALLATION =
      Map.of(
          "/revision", "the installation's revision",
          "/global/hub", "the catalog's registry for the release",
          "/global/tag", "the release's version",
          "/global/istioNamespace", "spec.namespace",
          "/global/variant", "the profile's image variant (distroless for ambient)",
          "/global/platform", "spec.platform",
          "/pilot/cni/enabled", "true when istio-cni is installed, so pods get istio-validation",
          "/pilot/env", "the profile's and compatibility version's istiod environment");

  /**
   * Keys of the operator's values that upstream's rendered values lack: upstream's templates read
   * them and get nil; the operator gives the chart's default, which the templates read alike.
   */
  static final Set<String> ONLY_OURS =
      Set.of(
          "/global/platform",
          "/global/proxy/capNetBindService",
          "/global/proxy/holdApplicationUntilProxyStarts",
          "/global/proxy/lifecycle",
          "/global/trustBundleName",
          "/global/trustDomain",
          "/pilot/crlConfigMapName");

  static final Pattern VALUE_PATH = Pattern.compile("\\.Values((?:\\.[A-Za-z_]+)+)");
  static final Pattern PARENTHESISED_PATH =
      Pattern.compile("\\(\\.Values((?:\\.[A-Za-z_]+)*)\\)((?:\\.[A-Za-z_]+)+)");

  static Path upstreamChart;
  static JsonNode upstreamDefaults;

  @BeforeAll
  static void readUpstreamChart() throws Exception {
    upstreamChart =
        UpstreamIstioModule.directory().resolve("manifests/charts/istio-control/istio-discovery");
    JsonNode values =
        new ObjectMapper(new YAMLFactory())
            .readTree(Files.readString(upstreamChart.resolve("values.yaml")));
    upstreamDefaults =
        values.has("_internal_defaults_do_not_set")
            ? values.get("_internal_defaults_do_not_set")
            : values;
  }

  @Test
  void shipsEveryInjectionTemplateUpstreamShips() throws IOException {
    Set<String> upstream = new TreeSet<>();
    try (Stream<Path> files = Files.list(upstreamChart.resolve("files"))) {
      files
          .map(f -> f.getFileName().toString())
          .filter(f -> !f.startsWith("profile-"))
          .forEach(upstream::add);
    }
    Set<String> covered = new TreeSet<>();
    allTemplates().forEach(name -> covered.add(UPSTREAM_FILE.get(name)));

    assertThat(covered).containsAll(upstream);
  }

  @ParameterizedTest
  @EnumSource(
      value = Profile.class,
      names = {"DEFAULT", "AMBIENT"})
  void holdsEveryValueUpstreamsTemplatesReadWithUpstreamsDefault(Profile profile)
      throws IOException {
    JsonNode ours = InjectorValues.of(plan(profile), plan(profile).istiod().orElseThrow());
    Set<String> checked = new TreeSet<>();
    for (String template : allTemplates()) {
      String text =
          Files.readString(
              upstreamChart.resolve("files").resolve(UPSTREAM_FILE.get(template)),
              StandardCharsets.UTF_8);
      for (String pointer : valuePaths(text)) {
        checked.add(pointer);
        if (IN_NEITHER.contains(pointer)) {
          assertThat(upstreamDefaults.at(pointer).isMissingNode())
              .as("%s upstream", pointer)
              .isTrue();
          continue;
        }
        if (RESOLVED_PER_INSTALLATION.keySet().stream().anyMatch(pointer::startsWith)) {
          assertThat(
                  ours.at(pointer.startsWith("/pilot/env") ? "/pilot/env" : pointer)
                      .isMissingNode())
              .as("%s (read by upstream's %s) is in the values", pointer, template)
              .isFalse();
          continue;
        }
        assertThat(ours.at(pointer).isMissingNode())
            .as("%s (read by upstream's %s) is in the values", pointer, template)
            .isFalse();
        JsonNode upstream = upstreamDefaults.at(pointer);
        if (!upstream.isMissingNode() && !upstream.isNull()) {
          assertThat(ours.at(pointer))
              .as("%s: upstream's default (read by its %s)", pointer, template)
              .isEqualTo(upstream);
        }
      }
    }
    assertThat(checked).as("values upstream's templates read").hasSizeGreaterThan(40);
  }

  /**
   * The whole tree, not only what templates read: the {@code values} the operator gives istiod
   * equal what upstream's istiod chart (the pinned module's, rendered by Helm with the profile)
   * puts in its injector ConfigMap, key for key and default for default, but for what each
   * installation decides and the keys listed in {@link #ONLY_OURS}.
   */
  @ParameterizedTest
  @EnumSource(
      value = Profile.class,
      names = {"DEFAULT", "AMBIENT"})
  void equalsUpstreamsRenderedValuesKeyForKey(Profile profile) throws IOException {
    MeshPlan plan = plan(profile, "1.31.4");
    Map<String, JsonNode> ours = leaves(InjectorValues.of(plan, plan.istiod().orElseThrow()));
    Map<String, JsonNode> upstream = leaves(renderedValues(profile));

    Set<String> keys = new TreeSet<>(ours.keySet());
    keys.addAll(upstream.keySet());
    for (String key : keys) {
      if (RESOLVED_PER_INSTALLATION.keySet().stream().anyMatch(key::startsWith)) {
        continue;
      }
      if (ONLY_OURS.contains(key)) {
        assertThat(upstream).as("%s is only the operator's", key).doesNotContainKey(key);
        assertThat(ours).as("%s is the operator's", key).containsKey(key);
        continue;
      }
      assertThat(ours.get(key))
          .as("%s: upstream's rendered value", key)
          .isEqualTo(upstream.get(key));
    }
    assertThat(upstream).as("upstream's rendered values").hasSizeGreaterThan(70);
  }

  /**
   * The {@code values} of the injector ConfigMap upstream's istiod chart renders for {@code
   * profile}.
   */
  private static JsonNode renderedValues(Profile profile) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of("template", "istiod", upstreamChart.toString(), "-n", "istio-system"));
    if (profile != Profile.DEFAULT) {
      args.addAll(List.of("--set", "profile=" + profile.value()));
    }
    String rendered = ProjectTools.check(Map.of(), "helm", args.toArray(String[]::new));
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    try (var parser = yaml.getFactory().createParser(rendered)) {
      for (var it = yaml.readValues(parser, JsonNode.class); it.hasNext(); ) {
        JsonNode document = it.next();
        if (document != null
            && "ConfigMap".equals(document.path("kind").asText())
            && document.at("/metadata/name").asText().startsWith("istio-sidecar-injector")) {
          return new ObjectMapper().readTree(document.at("/data/values").asText());
        }
      }
    }
    throw new AssertionError("upstream's istiod chart rendered no injector ConfigMap");
  }

  /** Every leaf of {@code tree} by JSON pointer; an empty object or list is a leaf. */
  static Map<String, JsonNode> leaves(JsonNode tree) {
    Map<String, JsonNode> leaves = new TreeMap<>();
    addLeaves(tree, "", leaves);
    return leaves;
  }

  private static void addLeaves(JsonNode node, String at, Map<String, JsonNode> into) {
    if (node.isObject() && node.size() > 0) {
      node.fields().forEachRemaining(f -> addLeaves(f.getValue(), at + "/" + f.getKey(), into));
    } else {
      into.put(at, node);
    }
  }

  /** Every template the operator has, for any line. */
  private static List<String> allTemplates() {
    List<String> all = new ArrayList<>(InjectionTemplates.NAMES);
    all.addAll(new TreeSet<>(InjectionTemplates.ADDED.keySet()));
    return all;
  }

  /**
   * The lines that have the agentgateway templates carry them in the injector config, as the chart
   * of each line lists them (agentgateway from 1.29, agentgateway-waypoint from 1.31).
   */
  @Test
  void eachLineCarriesTheTemplatesItsChartLists() {
    IstioCatalog catalog = IstioCatalog.load();
    assertThat(InjectionTemplates.of(catalog.resolve("1.28.10").orElseThrow()).keySet())
        .containsExactlyElementsOf(InjectionTemplates.NAMES);
    assertThat(InjectionTemplates.of(catalog.resolve("1.30.8").orElseThrow()))
        .containsKey("agentgateway")
        .doesNotContainKey("agentgateway-waypoint");
    assertThat(InjectionTemplates.of(catalog.resolve("1.31.4").orElseThrow()))
        .containsKeys("agentgateway", "agentgateway-waypoint")
        .allSatisfy((name, text) -> assertThat(text).isNotBlank());
  }

  /** JSON pointers of the {@code .Values} paths a template reads. */
  static Set<String> valuePaths(String template) {
    Set<String> paths = new TreeSet<>();
    Matcher plain = VALUE_PATH.matcher(template);
    while (plain.find()) {
      paths.add(plain.group(1).replace('.', '/'));
    }
    Matcher parenthesised = PARENTHESISED_PATH.matcher(template);
    while (parenthesised.find()) {
      paths.add((parenthesised.group(1) + parenthesised.group(2)).replace('.', '/'));
    }
    return paths;
  }

  private static MeshPlan plan(Profile profile) {
    return plan(profile, "1.30.4");
  }

  private static MeshPlan plan(Profile profile, String version) {
    MeshInstallation mesh =
        Installations.unapplied(
            "mesh",
            spec -> {
              spec.setVersion(version);
              spec.setProfile(profile);
            });
    return new PlanResolver(IstioCatalog.load()).resolve(mesh);
  }
}
