package dev.meshoperator.plan;

/**
 * The spec asks for something the operator cannot do. Not retried: the status says why, one Warning
 * Event is recorded, and what already runs is left alone.
 */
public class InvalidSpecException extends RuntimeException {

  /** Why the spec cannot be acted on; becomes the Reconciled condition's reason. */
  public enum Reason {
    /** The request contradicts itself or names something that does not exist. */
    InvalidSpec,
    /** Another, older installation already manages what this one asks for. */
    Conflict,
    /** Acting now would break the mesh (see the preflight package); checked again later. */
    PreflightFailed
  }

  private final Reason reason;

  public InvalidSpecException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
