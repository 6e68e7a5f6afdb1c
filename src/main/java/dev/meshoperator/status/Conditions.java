package dev.meshoperator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The condition types of a MeshInstallation and their reasons, after the API conventions. */
public final class Conditions {

  /** The spec was accepted and everything it renders is applied. */
  public static final String RECONCILED = "Reconciled";

  /** Every enabled component is working. */
  public static final String READY = "Ready";

  /** Every namespace spec.ambient targets is in the ambient data plane. */
  public static final String NAMESPACES_ENROLLED = "NamespacesEnrolled";

  /** Every waypoint spec.ambient asks for is programmed. */
  public static final String WAYPOINTS_READY = "WaypointsReady";

  /** With workloadRestart on: every workload of the active revision is restarted and rolled out. */
  public static final String WORKLOADS_RESTARTED = "WorkloadsRestarted";

  /** Set while runtime catalogs (ConfigMaps) exist: whether they were merged into the catalog. */
  public static final String RUNTIME_CATALOG = "RuntimeCatalog";

  /**
   * Set only while the installed release's line is past its end of life upstream (False then): the
   * mesh runs, but gets no more security patches.
   */
  public static final String VERSION_SUPPORTED = "VersionSupported";

  /**
   * Set only while another tool's istiod runs in the cluster (False then): this installation runs
   * beside it, and what each of the two serves.
   */
  public static final String ADOPTED = "Adopted";

  /** Reasons of {@link #RECONCILED}. */
  public enum ReconciledReason {
    Applied,
    InvalidSpec,
    Conflict,
    PreflightFailed,
    ApplyFailed,
    Paused
  }

  /** Reasons of {@link #READY}. */
  public enum ReadyReason {
    ComponentsReady,
    ComponentsNotReady,
    NoComponentsEnabled
  }

  /** Reasons of {@link #NAMESPACES_ENROLLED}. */
  public enum EnrollmentReason {
    Enrolled,
    WaitingForDataPlane,
    Conflicts
  }

  /** Reasons of {@link #WAYPOINTS_READY}. */
  public enum WaypointsReason {
    WaypointsReady,
    NotReady,
    GatewayAPIMissing
  }

  /** Reasons of {@link #WORKLOADS_RESTARTED}. */
  public enum RestartReason {
    Restarted,
    Restarting,
    RolloutTimedOut
  }

  /** Reasons of {@link #RUNTIME_CATALOG}. */
  public enum CatalogReason {
    Loaded,
    Invalid
  }

  /** Reasons of {@link #ADOPTED}. */
  public enum AdoptionReason {
    Beside,
    UnknownRevision,
    WaitingForRevision,
    Moving,
    MoveStopped,
    Moved,
    HandedOver
  }

  /** Reasons of {@link #VERSION_SUPPORTED}. */
  public enum SupportReason {
    EndOfLife
  }

  private Conditions() {}

  /** Returns {@code conditions} without {@code type}. */
  static List<Condition> remove(List<Condition> conditions, String type) {
    return conditions == null
        ? List.of()
        : conditions.stream().filter(c -> !type.equals(c.getType())).toList();
  }

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /**
   * Returns {@code conditions} with {@code type} set. lastTransitionTime moves only when the status
   * flips, so watchers can tell how long a state has lasted.
   */
  static List<Condition> set(
      List<Condition> conditions,
      String type,
      boolean status,
      Enum<?> reason,
      String message,
      long generation,
      Instant now) {
    String value = status ? "True" : "False";
    String transition =
        find(conditions, type)
            .filter(previous -> Objects.equals(previous.getStatus(), value))
            .map(Condition::getLastTransitionTime)
            .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
    Condition next =
        new ConditionBuilder()
            .withType(type)
            .withStatus(value)
            .withReason(reason.name())
            .withMessage(message)
            .withObservedGeneration(generation)
            .withLastTransitionTime(transition)
            .build();
    List<Condition> result = new ArrayList<>();
    boolean replaced = false;
    for (Condition c : conditions == null ? List.<Condition>of() : conditions) {
      if (type.equals(c.getType())) {
        result.add(next);
        replaced = true;
      } else {
        result.add(c);
      }
    }
    if (!replaced) {
      result.add(next);
    }
    return result;
  }
}
