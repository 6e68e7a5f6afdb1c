package dev.meshoperator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.api.v1alpha1.WorkloadSpec;
import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.plan.PlanResolver;
import dev.meshoperator.testing.Installations;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The pod labels and annotations admission refuses in components.*.podLabels/podAnnotations are
 * every key the renderers write on a pod template: a key missing from the lists would let a user's
 * value be overwritten silently.
 */
class ReservedPodMetadataTest {

  private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

  @ParameterizedTest
  @EnumSource(Profile.class)
  void everyPodKeyTheOperatorWritesIsRefusedFromUsers(Profile profile) {
    MeshInstallation mesh =
        Installations.unapplied(
            "mesh",
            spec -> {
              spec.setVersion("1.30.4");
              spec.setProfile(profile);
            });
    List<PodTemplateSpec> templates =
        MeshRenderer.render(new PlanResolver(IstioCatalog.load()).resolve(mesh)).objects().stream()
            .flatMap(ReservedPodMetadataTest::template)
            .toList();

    List<String> labels = quoted(WorkloadSpec.RESERVED_POD_LABELS);
    List<String> annotations = quoted(WorkloadSpec.RESERVED_POD_ANNOTATIONS);
    List<String> prefixes = quoted(WorkloadSpec.RESERVED_ANNOTATION_PREFIXES);
    for (PodTemplateSpec template : templates) {
      assertThat(keys(template.getMetadata().getLabels()))
          .allSatisfy(key -> assertThat(labels).contains(key));
      assertThat(keys(template.getMetadata().getAnnotations()))
          .allSatisfy(
              key ->
                  assertThat(
                          annotations.contains(key) || prefixes.stream().anyMatch(key::startsWith))
                      .as("annotation %s is reserved", key)
                      .isTrue());
    }
  }

  private static Stream<PodTemplateSpec> template(HasMetadata object) {
    if (object instanceof Deployment deployment) {
      return Stream.of(deployment.getSpec().getTemplate());
    }
    if (object instanceof DaemonSet daemonSet) {
      return Stream.of(daemonSet.getSpec().getTemplate());
    }
    return Stream.empty();
  }

  private static List<String> keys(Map<String, String> map) {
    return map == null ? List.of() : List.copyOf(map.keySet());
  }

  private static List<String> quoted(String celList) {
    Matcher m = QUOTED.matcher(celList);
    List<String> items = new java.util.ArrayList<>();
    while (m.find()) {
      items.add(m.group(1));
    }
    assertThat(items).isNotEmpty();
    return items;
  }
}
