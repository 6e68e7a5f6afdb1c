package dev.meshoperator.adopt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.AdoptSpec;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.installation.InstallationPlan;
import dev.meshoperator.installation.InstallationPlanner;
import dev.meshoperator.plan.PlanResolver;
import dev.meshoperator.testing.FakeSnapshot;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Namespaces moved off a Helm install's default revision, as spec.adopt asks. */
class AdoptionPlannerTest {

  private static final String VERSION = Beside.VERSION;
  private static final String REVISION = Beside.REVISION;
  private static final String FROM_DEFAULT = "istio-injection=enabled";
  private final InstallationPlanner planner =
      new InstallationPlanner(new PlanResolver(IstioCatalog.load()));

  @Test
  void nothingMovesBeforeTheRevisionIsReady() {
    MeshInstallation mesh = adopting(false, false);
    FakeSnapshot cluster = besideHelm(mesh).namespace(Beside.namespace("shop", legacy()));

    InstallationPlan plan = planner.plan(mesh, cluster, Instant.EPOCH);

    assertThat(plan.adoption().relabels()).isEmpty();
    assertThat(plan.adoption().reason()).isEqualTo(Adoption.Reason.WaitingForRevision);
    assertThat(plan.adoption().namespaces())
        .singleElement()
        .satisfies(m -> assertThat(m.state()).isEqualTo(NamespaceMove.State.Waiting));
  }

  @Test
  void withoutRestartsEveryNamespaceMovesAtOnceAndTheWorkloadsLeftAreNamed() {
    MeshInstallation mesh = adopting(false, false);
    FakeSnapshot cluster =
        ready(besideHelm(mesh))
            .namespace(Beside.namespace("shop", legacy()))
            .namespace(Beside.namespace("pay", Map.of("istio.io/rev", "default")))
            .namespace(Beside.namespace("other", Map.of()))
            .injectedPod(Beside.injectedPod("shop", "default"));

    Adoption adoption = planner.plan(mesh, cluster, Instant.EPOCH).adoption();

    assertThat(adoption.relabels())
        .extracting(NamespaceRelabel::namespace, NamespaceRelabel::movedFrom)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("pay", "istio.io/rev=default"),
            org.assertj.core.groups.Tuple.tuple("shop", FROM_DEFAULT));
    Map<String, String> moved = new HashMap<>();
    moved.put("istio.io/rev", REVISION);
    moved.put("istio-injection", null);
    assertThat(adoption.relabels().get(1).labels()).isEqualTo(moved);
    assertThat(adoption.reason()).isEqualTo(Adoption.Reason.Moving);
    assertThat(adoption.summary())
        .startsWith(
            "moved 2 of 2 namespaces off revision default of the Helm release istiod in"
                + " istio-system onto revision mesh-1-30-4; 1 workloads still run it"
                + " (shop/Deployment/web): restart them");
  }

  @Test
  void withRestartsOneNamespaceMovesAtATime() {
    MeshInstallation mesh = adopting(true, false);
    FakeSnapshot cluster =
        ready(besideHelm(mesh))
            .namespace(moved("cart"))
            .namespace(Beside.namespace("shop", legacy()))
            .injectedPod(Beside.injectedPod("cart", "default"));

    Adoption adoption = planner.plan(mesh, cluster, Instant.EPOCH).adoption();

    assertThat(adoption.relabels()).as("shop waits for cart's workloads").isEmpty();
    assertThat(adoption.namespaces())
        .extracting(NamespaceMove::name, NamespaceMove::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("cart", NamespaceMove.State.Moving),
            org.assertj.core.groups.Tuple.tuple("shop", NamespaceMove.State.Waiting));
  }

  @Test
  void onceNothingUsesTheOtherRevisionTheDefaultIsHandedOverWithWhatToUninstall() {
    MeshInstallation mesh = adopting(true, true);
    FakeSnapshot cluster = ready(besideHelm(mesh)).namespace(moved("shop"));

    InstallationPlan plan = planner.plan(mesh, cluster, Instant.EPOCH);

    assertThat(plan.adoption().handsOver()).isTrue();
    assertThat(plan.adoption().reason()).isEqualTo(Adoption.Reason.HandedOver);
    assertThat(plan.adoption().summary())
        .contains("What is left of the other install: helm uninstall istiod -n istio-system");
    List<HasMetadata> defaults =
        plan.render().objects().stream()
            .filter(o -> plan.coexistence().isDefaultPiece(o, "istio-system"))
            .toList();
    assertThat(defaults)
        .extracting(o -> o.getMetadata().getName())
        .containsExactlyInAnyOrder(
            "istiod-default-validator",
            "istio-revision-tag-default",
            "istiod-revision-tag-default");
    assertThat(defaults).allMatch(plan::takesOver);
  }

  @Test
  void ambientNamespacesOfTheOtherInstallAreNamedAndHoldTheHandOver() {
    MeshInstallation mesh = adopting(true, true);
    FakeSnapshot cluster =
        ready(besideHelm(mesh))
            .namespace(moved("shop"))
            .namespace(Beside.namespace("edge", Map.of("istio.io/dataplane-mode", "ambient")));

    Adoption adoption = planner.plan(mesh, cluster, Instant.EPOCH).adoption();

    assertThat(adoption.handsOver()).isFalse();
    assertThat(adoption.summary())
        .contains(
            "1 namespaces in the ambient data plane are not moved and hold the hand-over (edge)");
  }

  @Test
  void aRevisionNoOtherIstiodServesMovesNothingAndSaysWhatRuns() {
    MeshInstallation mesh = adopting(false, true);
    mesh.getSpec().getAdopt().setRevision("1-22");
    FakeSnapshot cluster = ready(besideHelm(mesh)).namespace(Beside.namespace("shop", legacy()));

    InstallationPlan plan = planner.plan(mesh, cluster, Instant.EPOCH);

    assertThat(plan.adoption().relabels()).isEmpty();
    assertThat(plan.adoption().handsOver()).isFalse();
    assertThat(plan.adoption().reason()).isEqualTo(Adoption.Reason.UnknownRevision);
    assertThat(plan.adoption().summary())
        .startsWith(
            "no istiod of another tool serves revision 1-22 here (istiod istio-system/istiod"
                + " (revision default)");
    assertThat(plan.render().objects())
        .noneMatch(o -> o.getMetadata().getName().equals("istiod-default-validator"));
  }

  @Test
  void aNamespaceAnotherInstallationMovedIsLeftToIt() {
    MeshInstallation mesh = adopting(false, false);
    Namespace theirs = moved("shop");
    theirs
        .getMetadata()
        .setAnnotations(
            Map.of(NamespaceRelabel.MOVED_FROM, FROM_DEFAULT, NamespaceRelabel.MOVED_BY, "other"));
    mesh.getSpec().setAdopt(null);

    Adoption adoption =
        planner.plan(mesh, ready(besideHelm(mesh)).namespace(theirs), Instant.EPOCH).adoption();

    assertThat(adoption.relabels()).isEmpty();
    assertThat(adoption.namespaces()).isEmpty();
  }

  @Test
  void istioInjectionDecidesOverARevisionLabelAsIstioDoes() {
    MeshInstallation mesh = adopting(false, false);
    FakeSnapshot cluster =
        ready(besideHelm(mesh))
            .namespace(
                Beside.namespace(
                    "off", Map.of("istio-injection", "disabled", "istio.io/rev", "default")));

    assertThat(planner.plan(mesh, cluster, Instant.EPOCH).adoption().relabels())
        .as("a namespace with injection disabled is on no revision")
        .isEmpty();
  }

  @Test
  void withoutHandOverTheDefaultStaysWithTheOtherInstall() {
    MeshInstallation mesh = adopting(true, false);
    InstallationPlan plan =
        planner.plan(mesh, ready(besideHelm(mesh)).namespace(moved("shop")), Instant.EPOCH);

    assertThat(plan.adoption().reason()).isEqualTo(Adoption.Reason.Moved);
    assertThat(plan.adoption().summary()).contains("set spec.adopt.handOver");
    assertThat(plan.render().objects())
        .noneMatch(o -> o.getMetadata().getName().equals("istiod-default-validator"));
  }

  @Test
  void removingAdoptPutsTheMovedNamespacesLabelsBack() {
    MeshInstallation mesh = adopting(false, false);
    mesh.getSpec().setAdopt(null);
    Adoption adoption =
        planner
            .plan(mesh, ready(besideHelm(mesh)).namespace(moved("shop")), Instant.EPOCH)
            .adoption();

    assertThat(adoption.relabels()).singleElement().satisfies(AdoptionPlannerTest::isPutBack);
    assertThat(adoption.namespaces())
        .singleElement()
        .satisfies(m -> assertThat(m.state()).isEqualTo(NamespaceMove.State.Returned));
  }

  @Test
  void onceTheOtherIstiodIsGoneTheDefaultLabelComesBack() {
    MeshInstallation mesh = adopting(false, true);
    FakeSnapshot alone = ready(new FakeSnapshot().installation(mesh)).namespace(moved("shop"));

    Adoption adoption = planner.plan(mesh, alone, Instant.EPOCH).adoption();

    assertThat(adoption.relabels()).singleElement().satisfies(AdoptionPlannerTest::isPutBack);
  }

  private static void isPutBack(NamespaceRelabel relabel) {
    Map<String, String> back = new HashMap<>();
    back.put("istio.io/rev", null);
    back.put("istio-injection", "enabled");
    assertThat(relabel.namespace()).isEqualTo("shop");
    assertThat(relabel.labels()).isEqualTo(back);
    assertThat(relabel.movedFrom()).as("the record goes").isNull();
  }

  private static MeshInstallation adopting(boolean restarts, boolean handOver) {
    MeshInstallation mesh = Beside.revisionBased(restarts ? 1 : 0);
    AdoptSpec adopt = new AdoptSpec();
    adopt.setRevision("default");
    adopt.setHandOver(handOver);
    mesh.getSpec().setAdopt(adopt);
    return mesh;
  }

  private static FakeSnapshot besideHelm(MeshInstallation mesh) {
    return new FakeSnapshot().installation(mesh).foreignIstiod(Beside.helmIstiod(""));
  }

  /** The installation's istiod, available. */
  private static FakeSnapshot ready(FakeSnapshot cluster) {
    return cluster.owned(Beside.readyIstiod());
  }

  private static Map<String, String> legacy() {
    return Map.of("istio-injection", "enabled");
  }

  private static Namespace moved(String name) {
    Namespace ns = Beside.namespace(name, Map.of("istio.io/rev", REVISION));
    ns.getMetadata().setAnnotations(Map.of(NamespaceRelabel.MOVED_FROM, FROM_DEFAULT));
    return ns;
  }
}
