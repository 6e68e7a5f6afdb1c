package dev.meshoperator.adopt;

import java.util.List;
import java.util.Optional;

/**
 * What a reconcile decided about moving namespaces off another tool's istiod.
 *
 * @param revision the other install's revision spec.adopt names, when it names one
 * @param namespaces every namespace of the move, for status
 * @param relabels the label changes to write now
 * @param handsOver whether the default tag and validator are handed over in this reconcile
 * @param takesOverDefault whether the writer may take the default tag and validator from the tool
 *     that made them: in the hand-over, and after it for a piece a failed write left behind
 * @param summary one sentence for the Adopted condition; empty when there is nothing to say
 * @param reason the Adopted condition's reason, with {@code summary}
 */
public record Adoption(
    Optional<String> revision,
    List<NamespaceMove> namespaces,
    List<NamespaceRelabel> relabels,
    boolean handsOver,
    boolean takesOverDefault,
    String summary,
    Reason reason) {

  /** The Adopted condition's reasons while a move is asked for. */
  public enum Reason {
    /** Nothing asked: running beside. */
    None,
    /** spec.adopt names a revision no other tool's istiod serves here. */
    UnknownRevision,
    /** The revision is not ready yet: nothing moves. */
    WaitingForRevision,
    /** Namespaces are being moved and their workloads restarted. */
    Moving,
    /** A restart did not roll out in time: no further namespace moves. */
    MoveStopped,
    /** Nothing uses the other revision; the default tag and validator are not asked for. */
    Moved,
    /** Nothing uses the other revision, and this installation serves the default. */
    HandedOver
  }

  public static final Adoption NONE =
      new Adoption(Optional.empty(), List.of(), List.of(), false, false, "", Reason.None);
}
