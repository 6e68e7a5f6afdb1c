package dev.meshoperator.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.Platform;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.plan.PlanResolver;
import dev.meshoperator.reconcile.MeshInstallationReconciler;
import dev.meshoperator.render.MeshRenderer;
import dev.meshoperator.testing.Installations;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every kind a renderer emits is watched, pruned or kept on purpose, and covered by the operator's
 * RBAC.
 */
class ManagedKindsTest {

  private static final List<String> WRITE_VERBS =
      List.of("get", "list", "watch", "create", "patch");

  @Test
  void everyRenderedKindIsManaged() {
    Set<Class<?>> managed = managed().collect(Collectors.toSet());
    for (Platform platform : Platform.values()) {
      for (Profile profile :
          List.of(Profile.DEFAULT, Profile.DEMO, Profile.MINIMAL, Profile.AMBIENT)) {
        for (HasMetadata object : render(profile, platform)) {
          assertThat(managed)
              .as("%s is rendered on %s but not watched", object.getKind(), platform)
              .contains(object.getClass());
        }
      }
    }
  }

  private static Stream<Class<? extends HasMetadata>> managed() {
    return Stream.of(ManagedKinds.OWNED, ManagedKinds.OWNED_WHERE_SERVED, ManagedKinds.KEPT)
        .flatMap(List::stream);
  }

  @Test
  void theOperatorMayWriteAndWatchEveryManagedKind() {
    RBACRule[] rules = MeshInstallationReconciler.class.getAnnotationsByType(RBACRule.class);
    managed()
        .forEach(
            kind -> {
              String group = HasMetadata.getGroup(kind);
              String plural = HasMetadata.getPlural(kind);
              Set<String> verbs = new HashSet<>();
              for (RBACRule rule : rules) {
                if (Arrays.asList(rule.apiGroups()).contains(group)
                    && Arrays.asList(rule.resources()).contains(plural)) {
                  verbs.addAll(Arrays.asList(rule.verbs()));
                }
              }
              if (kind
                  == io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition
                      .class) {
                // Written by name only: application.properties grants it, PackagedArtifactsIT
                // checks the names against the rendered CRDs.
                assertThat(verbs)
                    .as("RBAC for %s.%s", plural, group)
                    .contains("get", "list", "watch");
                return;
              }
              assertThat(verbs).as("RBAC for %s.%s", plural, group).containsAll(WRITE_VERBS);
              if (!ManagedKinds.KEPT.contains(kind)) {
                assertThat(verbs).as("RBAC for %s.%s (pruning)", plural, group).contains("delete");
              }
            });
  }

  private static List<HasMetadata> render(Profile profile, Platform platform) {
    MeshInstallation mesh =
        Installations.unapplied(
            "mesh",
            spec -> {
              spec.setProfile(profile);
              spec.setPlatform(platform);
            });
    return MeshRenderer.render(new PlanResolver(IstioCatalog.load()).resolve(mesh)).objects();
  }
}
