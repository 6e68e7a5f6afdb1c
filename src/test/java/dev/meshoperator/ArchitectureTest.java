package dev.meshoperator;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers the flow is built from, checked on the compiled classes. Every package but apply/ (the
 * only writer), reconcile/ (the informers and the snapshot served from them) and the operator's own
 * plumbing (metrics, owncrd) is pure: it never reaches the cluster nor the operator framework, so
 * planning, rendering and status are tested as units. Data flows one way, so the packages depend on
 * each other without a cycle.
 */
class ArchitectureTest {

  private static final String ROOT = "dev.meshoperator";

  /** What plans, renders and reports: no client, no operator framework. */
  private static final String[] PURE = {
    ROOT + ".adopt..",
    ROOT + ".ambient..",
    ROOT + ".api..",
    ROOT + ".catalog..",
    ROOT + ".crds..",
    ROOT + ".installation..",
    ROOT + ".istioapi..",
    ROOT + ".observe..",
    ROOT + ".overlay..",
    ROOT + ".plan..",
    ROOT + ".preflight..",
    ROOT + ".render..",
    ROOT + ".revision..",
    ROOT + ".status..",
    ROOT + ".translate.."
  };

  private static final Set<String> WRITES =
      Set.of(
          "create", "update", "patch", "serverSideApply", "delete", "edit", "replace", "createOr");

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    // The main classes' directory alone: scanning the whole classpath for the package takes long.
    classes = new ClassFileImporter().importPath(Path.of("target/classes"));
  }

  @Test
  void pureLayersUseNoClientNorOperatorFramework() {
    noClasses()
        .that()
        .resideInAnyPackage(PURE)
        .should()
        .dependOnClassesThat(
            resideInAnyPackage(
                    "io.fabric8.kubernetes.client.dsl..",
                    "io.fabric8.kubernetes.client.informers..",
                    "io.javaoperatorsdk..")
                .or(assignableTo(KubernetesClient.class)))
        .because("planning, rendering and status are pure functions of what the snapshot shows")
        .check(classes);
  }

  @Test
  void packagesHaveNoCycles() {
    slices()
        .matching(ROOT + ".(*)..")
        .should()
        .beFreeOfCycles()
        .because("data flows one way: observe, plan, render, apply, report")
        .check(classes);
  }

  @Test
  void onlyApplyAndTheOperatorsPlumbingWriteToTheCluster() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            ROOT + ".apply..", ROOT + ".owncrd..", ROOT + ".metrics..", ROOT + ".reconcile..")
        .should()
        .callMethodWhere(
            describe(
                "it writes through fabric8's client",
                call ->
                    call.getTargetOwner()
                            .getPackageName()
                            .startsWith("io.fabric8.kubernetes.client")
                        && WRITES.contains(call.getName())))
        .because("apply/ is the one writer of what an installation owns")
        .check(classes);
  }
}
