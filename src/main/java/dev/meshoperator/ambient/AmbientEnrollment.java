package dev.meshoperator.ambient;

import dev.meshoperator.api.v1alpha1.AmbientSpec;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.WaypointStatus;
import dev.meshoperator.apply.Applier;
import dev.meshoperator.apply.InformerCaches;
import dev.meshoperator.apply.Pruner;
import dev.meshoperator.observe.ClusterCrds;
import dev.meshoperator.render.DesiredState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One ambient pass for one installation: decide every namespace, make the waypoints, label the
 * namespaces that changed, and report. Reads only informer caches; writes only what differs.
 */
public final class AmbientEnrollment {

  private AmbientEnrollment() {}

  /**
   * @param waitingFor why new namespaces cannot join yet (see {@link DataPlaneReadiness})
   */
  public static AmbientOutcome reconcile(
      MeshInstallation mesh, Optional<String> waitingFor, Context<MeshInstallation> context) {
    String installation = mesh.getMetadata().getName();
    AmbientSpec spec = mesh.getSpec() == null ? null : mesh.getSpec().getAmbient();
    List<NamespaceDecision> decisions =
        new EnrollmentPlanner(installation, spec, waitingFor).decide(namespaces(context));
    WaypointPlanner.Result waypoints = WaypointPlanner.plan(spec, decisions);
    boolean waypointsRequested =
        spec != null && spec.getWaypoints() != null && !spec.getWaypoints().isEmpty();

    int written = 0;
    List<WaypointStatus> problems = new ArrayList<>();
    Map<String, String> usable = new HashMap<>();
    boolean gatewayApi = gatewayApiInstalled(context);
    if (gatewayApi) {
      // Gateways can only be watched once their CRD exists, so their informer starts late.
      InformerCaches.registerOnce(
          context, Gateway.class, AmbientInformers.GATEWAYS, AmbientInformers::gateways);
      DesiredState gateways =
          new DesiredState(
              waypoints.wanted().stream()
                  .map(plan -> (HasMetadata) WaypointRenderer.render(plan, installation))
                  .toList());
      written += Applier.apply(gateways, mesh, context).written();
      written += Pruner.prune(gateways, mesh, context, List.of(Gateway.class));
      Map<String, Gateway> cached =
          InformerCaches.secondary(context, Gateway.class)
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
    List<NamespaceDecision> done = new ArrayList<>();
    for (NamespaceDecision decision : labelled) {
      if (!decision.needsWrite()) {
        done.add(decision);
        continue;
      }
      try {
        NamespaceWriter.write(context.getClient(), decision);
        written++;
        done.add(decision);
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        done.add(
            new NamespaceDecision(
                decision.current(),
                EnrollmentState.CONFLICT,
                "FieldConflict",
                "another field manager owns a label the operator would set: " + e.getMessage(),
                decision.previous(),
                decision.previous()));
      }
    }
    return AmbientOutcome.of(
        done,
        waypoints.wanted().size() + waypoints.notEnrolled().size(),
        problems,
        waitingFor,
        waypointsRequested && !gatewayApi,
        waypointsRequested,
        written);
  }

  /** Gives back every namespace {@code mesh} enrolled, as if spec.ambient were gone. */
  public static int release(MeshInstallation mesh, Context<MeshInstallation> context) {
    int written = 0;
    for (NamespaceDecision decision :
        new EnrollmentPlanner(mesh.getMetadata().getName(), null, Optional.empty())
            .decide(namespaces(context))) {
      if (decision.needsWrite()) {
        NamespaceWriter.write(context.getClient(), decision);
        written++;
      }
    }
    return written;
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

  private static List<Namespace> namespaces(Context<MeshInstallation> context) {
    return InformerCaches.all(
            context,
            Namespace.class,
            AmbientInformers.NAMESPACES,
            ns -> ns.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  private static boolean gatewayApiInstalled(Context<MeshInstallation> context) {
    return ClusterCrds.established(context).contains(AmbientInformers.GATEWAY_CRD_NAME);
  }

  private static String key(Gateway gateway) {
    return gateway.getMetadata().getNamespace() + "/" + gateway.getMetadata().getName();
  }
}
