package dev.meshoperator.adopt;

import java.util.List;

/**
 * One namespace of a move off another tool's istiod, as status reports it.
 *
 * @param name the namespace
 * @param from the label that selected the other install's revision, as {@code key=value}
 * @param state how far it got
 * @param foreignWorkloads the workloads ({@code namespace/Kind/name}) whose pods still run the
 *     other install's revision
 */
public record NamespaceMove(String name, String from, State state, List<String> foreignWorkloads) {

  /** How far a namespace got. */
  public enum State {
    /** Selected, not moved yet: waiting for the revision to be ready, or for its turn. */
    Waiting,
    /** Labelled for this installation's revision; some pods still run the other revision. */
    Moving,
    /** Labelled for this installation's revision, and no pod runs the other one. */
    Moved,
    /** Its label is put back as it was: spec.adopt no longer asks for it. */
    Returned
  }
}
