package dev.meshoperator;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
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

  /** Where the cluster is reached: every other package is pure. */
  private static final String[] IMPURE = {
    ROOT + ".apply..", ROOT + ".reconcile..", ROOT + ".metrics..", ROOT + ".owncrd.."
  };

  /** Where writes are issued: the one writer and the operator's own plumbing. */
  private static final String[] WRITERS = {
    ROOT + ".apply..", ROOT + ".metrics..", ROOT + ".owncrd.."
  };

  private static final Set<String> WRITES =
      Set.of(
          "create",
          "createOr",
          "createOrReplace",
          "update",
          "updateStatus",
          "patch",
          "patchStatus",
          "serverSideApply",
          "delete",
          "edit",
          "editStatus",
          "replace",
          "replaceStatus",
          "scale",
          "evict");

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
        .resideOutsideOfPackages(IMPURE)
        .should()
        .dependOnClassesThat(
            resideInAnyPackage(
                    "io.fabric8.kubernetes.client.dsl..",
                    "io.fabric8.kubernetes.client.informers..",
                    "io.javaoperatorsdk..")
                // The client, its builder and configuration; the model's base classes
                // (CustomResource) and serialization utilities stay allowed.
                .or(
                    nameMatching(
                        "io\\.fabric8\\.kubernetes\\.client\\.\\w*(KubernetesClient|Config)\\w*")))
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
        .resideOutsideOfPackages(WRITERS)
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
