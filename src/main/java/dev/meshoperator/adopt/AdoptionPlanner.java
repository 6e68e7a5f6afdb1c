package dev.meshoperator.adopt;

import dev.meshoperator.ambient.AmbientLabels;
import dev.meshoperator.api.v1alpha1.AdoptSpec;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.crds.CrdManager;
import dev.meshoperator.observe.ClusterSnapshot;
import dev.meshoperator.plan.MeshPlan;
import dev.meshoperator.render.IstioLabels;
import dev.meshoperator.revision.RestartPlanner.RestartPlan;
import dev.meshoperator.revision.Workloads;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Moves namespaces off another tool's istiod onto the installation's active revision, as spec.adopt
 * asks: a namespace moves by its labels (istio.io/rev set to the revision, the istio-injection
 * label removed, the old label and the installation recorded on it), and its workloads follow when
 * they restart, a batch at a time where updateStrategy.workloadRestart is on. With restarts on,
 * namespaces move one at a time, the next once every workload a restart moves runs the new
 * revision; a restart that does not roll out in time stops the move. Nothing moves before the
 * revision is ready, and nothing at all for a revision no other istiod serves. Removing spec.adopt
 * (or naming another revision) puts the recorded labels back while the other istiod still serves
 * them; once it is gone, a namespace that came from istio-injection=enabled gets that label back,
 * now served by this installation's default tag. Only the installation that moved a namespace ever
 * touches it again. Pure.
 */
public final class AdoptionPlanner {

  private static final int LISTED_WORKLOADS = 5;

  private AdoptionPlanner() {}

  /**
   * @param restart the restart plan of this reconcile, when workloadRestart is on
   */
  public static Adoption plan(
      MeshInstallation mesh,
      Coexistence coexistence,
      MeshPlan active,
      boolean activeReady,
      Optional<RestartPlan> restart,
      ClusterSnapshot seen) {
    String installation = mesh.getMetadata().getName();
    AdoptSpec spec = mesh.getSpec().getAdopt();
    Optional<String> asked = Optional.ofNullable(spec).map(AdoptSpec::getRevision);
    Set<String> served =
        coexistence.foreign().stream().map(ForeignRevision::revision).collect(Collectors.toSet());
    List<Namespace> namespaces =
        seen.namespaces().stream()
            .filter(ns -> ns.getMetadata().getDeletionTimestamp() == null)
            .filter(ns -> !ns.getMetadata().getName().equals(active.namespace()))
            .sorted(Comparator.comparing(ns -> ns.getMetadata().getName()))
            .toList();
    Map<String, List<String>> onForeign =
        asked.map(revision -> workloadsOn(seen, revision)).orElse(Map.of());

    List<NamespaceMove> moves = new ArrayList<>();
    List<NamespaceRelabel> relabels = new ArrayList<>();
    List<Namespace> waiting = new ArrayList<>();
    List<Namespace> finished = new ArrayList<>();
    for (Namespace ns : namespaces) {
      String name = ns.getMetadata().getName();
      Map<String, String> labels = labels(ns);
      if (movedByAnother(ns, installation)) {
        continue;
      }
      Optional<String> movedFrom = movedFrom(ns);
      if (movedFrom.isPresent()) {
        String fromRevision = revisionOf(movedFrom.get());
        List<String> left = onForeign.getOrDefault(name, List.of());
        if (!served.contains(fromRevision)) {
          finished.add(ns);
        } else if (asked.filter(fromRevision::equals).isPresent()) {
          moves.add(new NamespaceMove(name, movedFrom.get(), stateOf(left), left));
          if (!active.revision().equals(labels.get(IstioLabels.REVISION))) {
            relabels.add(moveTo(name, active.revision(), movedFrom.get(), installation));
          }
        } else {
          moves.add(new NamespaceMove(name, movedFrom.get(), NamespaceMove.State.Returned, left));
          relabels.add(putBack(name, movedFrom.get()));
        }
      } else if (asked.filter(served::contains).isPresent()
          && ForeignRevision.selects(labels, asked.get())) {
        // Only while the other istiod serves it: once it is gone, "default" is this one's.
        waiting.add(ns);
      }
    }
    boolean holdsDefaultNow = !coexistence.leavesDefault();
    if (asked.isEmpty() || !served.contains(asked.get())) {
      finished.forEach(ns -> relabels.add(finish(ns, holdsDefaultNow)));
      if (asked.isPresent() && coexistence.beside()) {
        return unknownRevision(asked.get(), coexistence, moves, relabels);
      }
      return moves.isEmpty() && relabels.isEmpty()
          ? Adoption.NONE
          : new Adoption(
              asked,
              moves,
              relabels,
              false,
              false,
              moves.isEmpty() ? "" : moves.size() + " moved namespaces get their labels back",
              Adoption.Reason.None);
    }
    String revision = asked.get();
    boolean stuck = restart.map(r -> !r.timedOut().isEmpty()).orElse(false);
    // A restart moves only what a controller re-creates; a bare pod does not hold the next move.
    boolean moving =
        moves.stream()
            .anyMatch(m -> m.foreignWorkloads().stream().anyMatch(Workloads::restartable));
    List<Namespace> moveNow = List.of();
    if (activeReady && !stuck && !waiting.isEmpty()) {
      // With restarts on, one namespace at a time: a failure then touches the fewest workloads.
      moveNow = restart.isPresent() ? (moving ? List.of() : waiting.subList(0, 1)) : waiting;
    }
    for (Namespace ns : waiting) {
      String name = ns.getMetadata().getName();
      String from = ForeignRevision.selectingLabel(labels(ns));
      List<String> left = onForeign.getOrDefault(name, List.of());
      if (moveNow.contains(ns)) {
        relabels.add(moveTo(name, active.revision(), from, installation));
        moves.add(new NamespaceMove(name, from, stateOf(left), left));
      } else {
        moves.add(new NamespaceMove(name, from, NamespaceMove.State.Waiting, left));
      }
    }
    moves.sort(Comparator.comparing(NamespaceMove::name));

    List<String> stillOnForeign =
        onForeign.values().stream().flatMap(List::stream).sorted().toList();
    List<String> ambient = foreignAmbient(namespaces);
    boolean nothingUses =
        moveNow.size() == waiting.size() && stillOnForeign.isEmpty() && ambient.isEmpty();
    boolean handOverAsked = Boolean.TRUE.equals(spec.getHandOver());
    // The default serves the whole cluster: it moves only off the install that holds it, which is
    // the one installed without a revision, or the only one there is.
    boolean servesDefault =
        MeshPlan.DEFAULT_REVISION.equals(revision) || coexistence.foreign().size() == 1;
    boolean handsOver =
        nothingUses && activeReady && servesDefault && handOverAsked && coexistence.leavesDefault();
    boolean holdsDefault = holdsDefaultNow || handsOver;
    finished.forEach(ns -> relabels.add(finish(ns, holdsDefault)));

    Optional<ForeignRevision> other =
        coexistence.foreign().stream().filter(f -> f.revision().equals(revision)).findFirst();
    String of =
        other.map(f -> "revision " + revision + " of " + f.owner()).orElse("revision " + revision);
    long moved = moves.stream().filter(m -> m.state() != NamespaceMove.State.Waiting).count();
    Adoption.Reason reason;
    String summary;
    if (!activeReady && (!waiting.isEmpty() || (handOverAsked && !holdsDefault))) {
      reason = Adoption.Reason.WaitingForRevision;
      summary =
          (waiting.isEmpty()
                  ? "the default revision tag and istiod-default-validator are taken over"
                  : waiting.size() + " namespaces on " + of + " move")
              + " once revision "
              + active.revision()
              + " is ready";
    } else if (stuck) {
      reason = Adoption.Reason.MoveStopped;
      summary =
          "stopped after "
              + moved
              + " of "
              + moves.size()
              + " namespaces: a restart did not roll out in time (condition WorkloadsRestarted"
              + " names it). Fix it and the move goes on, or remove spec.adopt to put the moved"
              + " namespaces' labels back";
    } else if (!nothingUses) {
      reason = Adoption.Reason.Moving;
      summary =
          "moved "
              + moved
              + " of "
              + moves.size()
              + " namespaces off "
              + of
              + " onto revision "
              + active.revision()
              + "; "
              + stillOnForeign.size()
              + " workloads still run it"
              + listed(stillOnForeign)
              + advice(stillOnForeign, restart.isPresent());
    } else if (holdsDefault) {
      reason = Adoption.Reason.HandedOver;
      summary =
          "nothing uses "
              + of
              + " any more, and this installation serves the default revision tag and"
              + " istiod-default-validator. "
              + leftOver(coexistence, revision, seen);
    } else {
      reason = Adoption.Reason.Moved;
      summary =
          "nothing uses "
              + of
              + " any more"
              + (servesDefault
                  ? "; set spec.adopt.handOver to take over the default revision tag and"
                      + " istiod-default-validator"
                  : "; the default revision tag and istiod-default-validator stay with the other"
                      + " installs, which still run");
    }
    if (!ambient.isEmpty()) {
      summary +=
          "; "
              + ambient.size()
              + " namespaces in the ambient data plane are not moved and hold the hand-over"
              + listed(ambient)
              + ": spec.adopt moves sidecar namespaces only, so take them out of the other"
              + " install's ambient mode, or enroll them through spec.ambient once it is gone";
    }
    boolean takesOverDefault = handsOver || (handOverAsked && holdsDefaultNow && servesDefault);
    return new Adoption(asked, moves, relabels, handsOver, takesOverDefault, summary, reason);
  }

  private static Adoption unknownRevision(
      String revision,
      Coexistence coexistence,
      List<NamespaceMove> moves,
      List<NamespaceRelabel> relabels) {
    return new Adoption(
        Optional.of(revision),
        moves,
        relabels,
        false,
        false,
        "no istiod of another tool serves revision "
            + revision
            + " here ("
            + coexistence.foreign().stream()
                .map(ForeignRevision::describe)
                .collect(Collectors.joining("; "))
            + "); nothing moves. Name one of their revisions in spec.adopt.revision",
        Adoption.Reason.UnknownRevision);
  }

  private static NamespaceMove.State stateOf(List<String> left) {
    return left.isEmpty() ? NamespaceMove.State.Moved : NamespaceMove.State.Moving;
  }

  /** What to do about the workloads still on the other revision. */
  private static String advice(List<String> workloads, boolean restartsOn) {
    boolean bare = workloads.stream().anyMatch(w -> !Workloads.restartable(w));
    String restartable =
        restartsOn
            ? ""
            : ": restart them (kubectl rollout restart), or set"
                + " updateStrategy.workloadRestart.enabled";
    return restartable
        + (bare ? "; pods no controller re-creates move only when deleted and created again" : "");
  }

  /**
   * The commands that remove the adopted install: its istiod's, then, once no other tool's istiod
   * runs, the releases its CRDs came with.
   */
  private static String leftOver(Coexistence coexistence, String revision, ClusterSnapshot seen) {
    Set<String> commands = new LinkedHashSet<>();
    coexistence.foreign().stream()
        .filter(f -> f.revision().equals(revision))
        .forEach(f -> commands.add(f.uninstall()));
    if (coexistence.foreign().stream().allMatch(f -> f.revision().equals(revision))) {
      new TreeMap<>(seen.crds())
          .values().stream()
              .map(CrdManager::of)
              .filter(m -> m.tool() == CrdManager.Tool.HELM && m.detail().contains("/"))
              .map(m -> m.detail().split("/", 2))
              .forEach(r -> commands.add("helm uninstall " + r[1] + " -n " + r[0]));
    }
    if (commands.isEmpty()) {
      return "Nothing is left of the other install";
    }
    return "What is left of the other install: "
        + String.join("; ", commands)
        + ". Istio's CRDs stay; objects of this installation an uninstall deletes are put back at"
        + " the next reconcile";
  }

  /** Namespaces in ambient mode that this operator did not enroll: the other install's. */
  private static List<String> foreignAmbient(List<Namespace> namespaces) {
    return namespaces.stream()
        .filter(ns -> "ambient".equals(labels(ns).get(IstioLabels.DATAPLANE_MODE)))
        .filter(ns -> !annotations(ns).containsKey(AmbientLabels.ENROLLMENT_RECORD))
        .map(ns -> ns.getMetadata().getName())
        .toList();
  }

  private static String listed(List<String> workloads) {
    if (workloads.isEmpty()) {
      return "";
    }
    String shown =
        workloads.stream().limit(LISTED_WORKLOADS).collect(Collectors.joining(", ", " (", ""));
    return shown + (workloads.size() > LISTED_WORKLOADS ? ", ...)" : ")");
  }

  /** Workloads whose pods run {@code revision}, by namespace. */
  private static Map<String, List<String>> workloadsOn(ClusterSnapshot seen, String revision) {
    Map<String, Set<String>> found = new TreeMap<>();
    for (Pod pod : seen.injectedWorkloads()) {
      if (revision.equals(labels(pod).get(IstioLabels.REVISION))) {
        found
            .computeIfAbsent(pod.getMetadata().getNamespace(), n -> new TreeSet<>())
            .add(Workloads.of(pod));
      }
    }
    Map<String, List<String>> lists = new LinkedHashMap<>();
    found.forEach((ns, workloads) -> lists.put(ns, List.copyOf(workloads)));
    return lists;
  }

  private static NamespaceRelabel moveTo(
      String namespace, String revision, String from, String installation) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(IstioLabels.REVISION, revision);
    labels.put(IstioLabels.INJECTION, null);
    return new NamespaceRelabel(namespace, labels, from, installation);
  }

  /** The recorded label back; a record that is not {@code key=value} is only dropped. */
  private static NamespaceRelabel putBack(String namespace, String from) {
    String[] keyValue = from.split("=", 2);
    if (keyValue.length != 2) {
      return new NamespaceRelabel(namespace, Map.of(), null, null);
    }
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(IstioLabels.REVISION, null);
    labels.put(IstioLabels.INJECTION, null);
    labels.put(keyValue[0], keyValue[1]);
    return new NamespaceRelabel(namespace, labels, null, null);
  }

  /**
   * The other istiod is gone: a namespace that came from the default injection label gets it back
   * where this installation serves the default; otherwise it keeps the revision label.
   */
  private static NamespaceRelabel finish(Namespace ns, boolean holdsDefault) {
    String from = movedFrom(ns).orElseThrow();
    if (holdsDefault && from.startsWith(IstioLabels.INJECTION + "=")) {
      return putBack(ns.getMetadata().getName(), from);
    }
    return new NamespaceRelabel(ns.getMetadata().getName(), Map.of(), null, null);
  }

  private static String revisionOf(String label) {
    return label.startsWith(IstioLabels.REVISION + "=")
        ? label.substring(IstioLabels.REVISION.length() + 1)
        : MeshPlan.DEFAULT_REVISION;
  }

  private static Optional<String> movedFrom(Namespace ns) {
    return Optional.ofNullable(annotations(ns).get(NamespaceRelabel.MOVED_FROM));
  }

  /** Moved by another installation: that one alone moves it on or back. */
  private static boolean movedByAnother(Namespace ns, String installation) {
    String by = annotations(ns).get(NamespaceRelabel.MOVED_BY);
    return annotations(ns).containsKey(NamespaceRelabel.MOVED_FROM)
        && by != null
        && !by.equals(installation);
  }

  private static Map<String, String> labels(HasMetadata object) {
    return Objects.requireNonNullElse(object.getMetadata().getLabels(), Map.of());
  }

  private static Map<String, String> annotations(HasMetadata object) {
    return Objects.requireNonNullElse(object.getMetadata().getAnnotations(), Map.of());
  }
}
