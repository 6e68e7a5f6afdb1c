package dev.meshoperator.ambient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.AmbientSpec;
import dev.meshoperator.render.OperatorLabels;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnrollmentPlannerTest {

  private static final String MESH = "mesh";

  @Test
  void listedAndSelectedNamespacesAreEnrolledExceptExcludedOnes() {
    AmbientSpec spec = spec();
    spec.setNamespaces(List.of("listed"));
    spec.setNamespaceSelector(new LabelSelectorBuilder().addToMatchLabels("team", "a").build());
    spec.setExcludeNamespaces(List.of("excluded"));

    List<NamespaceDecision> decisions =
        planner(spec)
            .decide(
                List.of(
                    ns("listed", Map.of()),
                    ns("selected", Map.of("team", "a")),
                    ns("excluded", Map.of("team", "a")),
                    ns("other", Map.of("team", "b"))));

    assertThat(decisions)
        .extracting(NamespaceDecision::name, NamespaceDecision::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("listed", EnrollmentState.ENROLLED),
            org.assertj.core.groups.Tuple.tuple("selected", EnrollmentState.ENROLLED));
    NamespaceDecision listed = decisions.get(0);
    assertThat(listed.needsWrite()).isTrue();
    assertThat(listed.desired().orElseThrow().labels())
        .containsExactly(Map.entry(AmbientLabels.DATAPLANE_MODE, AmbientLabels.AMBIENT));
  }

  @Test
  void anEnrolledNamespaceThatMatchesItsRecordNeedsNoWrite() {
    AmbientSpec spec = spec();
    spec.setNamespaces(List.of("a"));
    EnrollmentRecord record =
        EnrollmentRecord.of(
            MESH, Map.of(AmbientLabels.DATAPLANE_MODE, AmbientLabels.AMBIENT), Map.of());

    NamespaceDecision decision = planner(spec).decide(List.of(enrolled("a", record))).get(0);

    assertThat(decision.state()).isEqualTo(EnrollmentState.ENROLLED);
    assertThat(decision.needsWrite()).isFalse();
  }

  @Test
  void aNamespaceNoLongerTargetedIsGivenBackButOnlyIfThisInstallationEnrolledIt() {
    EnrollmentRecord ours =
        EnrollmentRecord.of(
            MESH, Map.of(AmbientLabels.DATAPLANE_MODE, AmbientLabels.AMBIENT), Map.of());
    Namespace foreign = ns("foreign", Map.of(AmbientLabels.DATAPLANE_MODE, "ambient"));

    List<NamespaceDecision> decisions =
        planner(spec()).decide(List.of(enrolled("ours", ours), foreign));

    assertThat(decisions).hasSize(1);
    assertThat(decisions.get(0).state()).isEqualTo(EnrollmentState.UNENROLLED);
    assertThat(decisions.get(0).desired()).isEmpty();
    assertThat(decisions.get(0).needsWrite()).isTrue();
  }

  @Test
  void aNamespaceAlreadyAmbientByOthersCountsAsEnrolledAndGetsNoRecord() {
    AmbientSpec spec = spec();
    spec.setNamespaces(List.of("a"));

    NamespaceDecision decision =
        planner(spec)
            .decide(List.of(ns("a", Map.of(AmbientLabels.DATAPLANE_MODE, "ambient"))))
            .get(0);

    assertThat(decision.state()).isEqualTo(EnrollmentState.ENROLLED);
    assertThat(decision.reason()).isEqualTo("AlreadyAmbient");
    assertThat(decision.needsWrite()).isFalse();
  }

  @Test
  void sidecarInjectionIsAConflictUnlessSwitchingIsAllowed() {
    AmbientSpec spec = spec();
    spec.setNamespaces(List.of("a", "b"));
    List<Namespace> namespaces =
        List.of(
            ns("a", Map.of(AmbientLabels.SIDECAR_INJECTION, "enabled")),
            ns("b", Map.of(AmbientLabels.REVISION, "canary")));

    List<NamespaceDecision> reported = planner(spec).decide(namespaces);
    assertThat(reported)
        .allSatisfy(
            d -> {
              assertThat(d.state()).isEqualTo(EnrollmentState.CONFLICT);
              assertThat(d.reason()).isEqualTo("SidecarInjection");
              assertThat(d.needsWrite()).isFalse();
            });

    spec.setSwitchSidecarNamespaces(true);
    List<NamespaceDecision> switched = planner(spec).decide(namespaces);
    assertThat(switched.get(0).desired().orElseThrow().replaced())
        .containsExactly(Map.entry(AmbientLabels.SIDECAR_INJECTION, "enabled"));
    assertThat(switched.get(1).desired().orElseThrow().replaced())
        .containsExactly(Map.entry(AmbientLabels.REVISION, "canary"));
    assertThat(switched).allSatisfy(d -> assertThat(d.needsWrite()).isTrue());
  }

  @Test
  void anExplicitOptOutAndAnotherInstallationsNamespaceAreConflicts() {
    AmbientSpec spec = spec();
    spec.setNamespaces(List.of("none", "theirs"));
    EnrollmentRecord theirs =
        EnrollmentRecord.of(
            "other", Map.of(AmbientLabels.DATAPLANE_MODE, AmbientLabels.AMBIENT), Map.of());

    List<NamespaceDecision> decisions =
        planner(spec)
            .decide(
                List.of(
                    ns("none", Map.of(AmbientLabels.DATAPLANE_MODE, "none")),
                    enrolled("theirs", theirs)));

    assertThat(decisions)
        .extracting(NamespaceDecision::reason)
        .containsExactly("OptedOut", "EnrolledByAnotherInstallation");
    assertThat(decisions).allSatisfy(d -> assertThat(d.needsWrite()).isFalse());
  }

  @Test
  void controlPlaneAndKubernetesNamespacesListedByNameAreReportedNotEnrolled() {
    AmbientSpec spec = spec();
    spec.setNamespaces(List.of("kube-system", "istio-system"));

    List<NamespaceDecision> decisions =
        planner(spec)
            .decide(
                List.of(
                    ns("kube-system", Map.of()),
                    ns(
                        "istio-system",
                        Map.of(OperatorLabels.MANAGED_BY, OperatorLabels.MANAGED_BY_VALUE))));

    assertThat(decisions)
        .hasSize(2)
        .allSatisfy(
            d -> {
              assertThat(d.reason()).isEqualTo("SystemNamespace");
              assertThat(d.needsWrite()).isFalse();
            });
  }

  @Test
  void aSelectorOfEverythingPassesOverSystemPlatformAndOperatorNamespaces() {
    AmbientSpec spec = spec();
    spec.setNamespaceSelector(new LabelSelectorBuilder().build());

    List<NamespaceDecision> decisions =
        new EnrollmentPlanner(MESH, spec, Optional.empty(), java.util.Set.of("mesh-operator"))
            .decide(
                List.of(
                    ns("kube-system", Map.of()),
                    ns("kube-flannel", Map.of()),
                    ns("openshift-monitoring", Map.of()),
                    ns("mesh-operator", Map.of()),
                    ns(
                        "istio-system",
                        Map.of(OperatorLabels.MANAGED_BY, OperatorLabels.MANAGED_BY_VALUE)),
                    ns("shop", Map.of())));

    assertThat(decisions).extracting(NamespaceDecision::name).containsExactly("shop");
    assertThat(decisions.get(0).state()).isEqualTo(EnrollmentState.ENROLLED);
  }

  @Test
  void whileTheDataPlaneIsNotReadyNewNamespacesWaitAndEnrolledOnesStay() {
    AmbientSpec spec = spec();
    spec.setNamespaces(List.of("new", "old"));
    EnrollmentRecord ours =
        EnrollmentRecord.of(
            MESH, Map.of(AmbientLabels.DATAPLANE_MODE, AmbientLabels.AMBIENT), Map.of());

    List<NamespaceDecision> decisions =
        new EnrollmentPlanner(MESH, spec, Optional.of("waiting for ztunnel"))
            .decide(List.of(ns("new", Map.of()), enrolled("old", ours)));

    assertThat(decisions.get(0).state()).isEqualTo(EnrollmentState.PENDING);
    assertThat(decisions.get(0).message()).isEqualTo("waiting for ztunnel");
    assertThat(decisions.get(0).needsWrite()).isFalse();
    assertThat(decisions.get(1).state()).isEqualTo(EnrollmentState.ENROLLED);
    assertThat(decisions.get(1).needsWrite()).isFalse();
  }

  @Test
  void unenrollingASwitchedNamespaceIsAWriteThatRestoresItsSidecarLabels() {
    EnrollmentRecord ours =
        EnrollmentRecord.of(
            MESH,
            Map.of(AmbientLabels.DATAPLANE_MODE, AmbientLabels.AMBIENT),
            Map.of(AmbientLabels.SIDECAR_INJECTION, "enabled"));

    NamespaceDecision decision = planner(spec()).decide(List.of(enrolled("a", ours))).get(0);

    assertThat(decision.state()).isEqualTo(EnrollmentState.UNENROLLED);
    assertThat(decision.previous().orElseThrow().replaced())
        .containsEntry(AmbientLabels.SIDECAR_INJECTION, "enabled");
  }

  @Test
  void labelSelectorExpressionsFollowKubernetesSemantics() {
    var selector =
        new LabelSelectorBuilder()
            .addNewMatchExpression()
            .withKey("env")
            .withOperator("In")
            .withValues("prod", "stage")
            .endMatchExpression()
            .addNewMatchExpression()
            .withKey("legacy")
            .withOperator("DoesNotExist")
            .endMatchExpression()
            .build();

    assertThat(LabelSelectors.matches(selector, Map.of("env", "prod"))).isTrue();
    assertThat(LabelSelectors.matches(selector, Map.of("env", "dev"))).isFalse();
    assertThat(LabelSelectors.matches(selector, Map.of("env", "prod", "legacy", "y"))).isFalse();
    assertThat(LabelSelectors.matches(new LabelSelectorBuilder().build(), null)).isTrue();
  }

  private static EnrollmentPlanner planner(AmbientSpec spec) {
    return new EnrollmentPlanner(MESH, spec, Optional.empty());
  }

  private static AmbientSpec spec() {
    return new AmbientSpec();
  }

  private static Namespace ns(String name, Map<String, String> labels) {
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .build();
  }

  /** A namespace as the operator leaves it after carrying out {@code record}. */
  private static Namespace enrolled(String name, EnrollmentRecord record) {
    Namespace namespace = ns(name, new HashMap<>(record.labels()));
    namespace
        .getMetadata()
        .setAnnotations(Map.of(AmbientLabels.ENROLLMENT_RECORD, record.toJson()));
    return namespace;
  }
}
