package dev.meshoperator.ambient;

import static java.util.stream.Collectors.toSet;

import dev.meshoperator.api.v1alpha1.AmbientSpec;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.WaypointStatus;
import dev.meshoperator.observe.ClusterSnapshot;
import dev.meshoperator.plan.WaypointPlan;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides one ambient pass for one installation from the reconcile's snapshot: every namespace's
 * enrollment, the waypoints to have, and the istio.io/use-waypoint labels that may be set. Pure:
 * apply/ writes the Gateways (rendered by render/) and the namespace labels.
 */
public final class AmbientPlanner {

  private AmbientPlanner() {}

  /**
   * @param waitingFor why new namespaces cannot join yet (see {@link DataPlaneReadiness})
   */
  public static AmbientPlan plan(
      MeshInstallation mesh, Optional<String> waitingFor, ClusterSnapshot seen) {
    String installation = mesh.getMetadata().getName();
    AmbientSpec spec = mesh.getSpec() == null ? null : mesh.getSpec().getAmbient();
    List<NamespaceDecision> decisions =
        new EnrollmentPlanner(
                installation, spec, waitingFor, seen.operatorNamespace().stream().collect(toSet()))
            .decide(live(seen));
    WaypointPlanner.Result waypoints = WaypointPlanner.plan(spec, decisions);
    boolean waypointsRequested =
        spec != null && spec.getWaypoints() != null && !spec.getWaypoints().isEmpty();

    List<WaypointStatus> problems = new ArrayList<>();
    Map<String, String> usable = new HashMap<>();
    boolean gatewayApi = seen.establishedCrds().contains(WaypointPlanner.GATEWAY_CRD);
    if (gatewayApi) {
      Map<String, Gateway> cached =
          seen.gateways().stream()
              .collect(Collectors.toMap(g -> key(g), Function.identity(), (a, b) -> a));
      for (WaypointPlan plan : waypoints.wanted()) {
        Optional<WaypointStatus> problem = WaypointReadiness.problem(plan, cached.get(plan.key()));
        problem.ifPresent(problems::add);
        if (problem.isEmpty()) {
          usable.put(plan.namespace(), plan.name());
        }
      }
    } else {
      waypoints.wanted().stream()
          .map(
              plan ->
                  WaypointReadiness.status(
                      plan,
                      "GatewayAPIMissing",
                      "the Gateway API CRDs (gateway.networking.k8s.io) are not installed"))
          .forEach(problems::add);
    }
    waypoints.notEnrolled().stream()
        .map(
            plan ->
                WaypointReadiness.status(
                    plan, WaypointPlanner.NOT_ENROLLED, "its namespace is not enrolled"))
        .forEach(problems::add);

    List<NamespaceDecision> labelled = new ArrayList<>();
    for (NamespaceDecision decision : decisions) {
      labelled.add(withWaypointLabel(installation, decision, waypoints.wanted(), usable, problems));
    }
    return new AmbientPlan(
        labelled,
        gatewayApi ? waypoints.wanted() : List.of(),
        gatewayApi,
        waypoints.wanted().size() + waypoints.notEnrolled().size(),
        problems,
        waitingFor,
        waypointsRequested);
  }

  /** Gives back every namespace {@code installation} enrolled, as if spec.ambient were gone. */
  public static List<NamespaceDecision> release(
      String installation, Collection<Namespace> namespaces) {
    return new EnrollmentPlanner(installation, null, Optional.empty()).decide(live(namespaces));
  }

  private static List<Namespace> live(ClusterSnapshot seen) {
    return live(seen.namespaces());
  }

  /** Namespaces being deleted are left alone: they are on their way out. */
  private static List<Namespace> live(Collection<Namespace> namespaces) {
    return namespaces.stream()
        .filter(ns -> ns.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  /**
   * Adds istio.io/use-waypoint to an enrolled namespace once its waypoint is programmed (a label
   * pointing at a waypoint without a proxy would drop the namespace's traffic), and keeps it while
   * that waypoint is wanted. A use-waypoint label set by someone else is left alone.
   */
  private static NamespaceDecision withWaypointLabel(
      String installation,
      NamespaceDecision decision,
      List<WaypointPlan> wanted,
      Map<String, String> usable,
      List<WaypointStatus> problems) {
    if (decision.state() != EnrollmentState.ENROLLED) {
      return decision;
    }
    Optional<WaypointPlan> plan =
        wanted.stream().filter(p -> p.namespace().equals(decision.name())).findFirst();
    if (plan.isEmpty()) {
      return decision;
    }
    String name = plan.get().name();
    boolean labelledBefore =
        decision
            .previous()
            .map(r -> name.equals(r.labels().get(AmbientLabels.USE_WAYPOINT)))
            .orElse(false);
    String current =
        Objects.requireNonNullElse(
                decision.current().getMetadata().getLabels(), Map.<String, String>of())
            .get(AmbientLabels.USE_WAYPOINT);
    boolean foreign = current != null && !labelledBefore;
    if (foreign) {
      if (!current.equals(name)) {
        problems.add(
            WaypointReadiness.status(
                plan.get(),
                "NamespaceUsesAnotherWaypoint",
                AmbientLabels.USE_WAYPOINT
                    + "="
                    + current
                    + " was set by someone else; it is kept"));
      }
      return decision;
    }
    if (!labelledBefore && !name.equals(usable.get(decision.name()))) {
      return decision;
    }
    EnrollmentRecord base =
        decision.desired().orElse(EnrollmentRecord.of(installation, Map.of(), Map.of()));
    Map<String, String> labels = new TreeMap<>(base.labels());
    labels.put(AmbientLabels.USE_WAYPOINT, name);
    return decision.withDesired(
        Optional.of(EnrollmentRecord.of(base.installation(), labels, base.replaced())));
  }

  private static String key(Gateway gateway) {
    return gateway.getMetadata().getNamespace() + "/" + gateway.getMetadata().getName();
  }
}
