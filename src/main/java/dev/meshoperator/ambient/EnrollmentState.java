package dev.meshoperator.ambient;

/** Where a namespace stands with respect to one installation's ambient enrollment. */
public enum EnrollmentState {
  /** In the ambient data plane (by this operator or already labelled by someone else). */
  ENROLLED("Enrolled"),
  /** Targeted, and will be enrolled once the ambient data plane is ready. */
  PENDING("Pending"),
  /** Targeted, but enrolling it needs a decision (see the reason). */
  CONFLICT("Conflict"),
  /** No longer targeted: what this installation set is being undone. */
  UNENROLLED("Unenrolled");

  private final String display;

  EnrollmentState(String display) {
    this.display = display;
  }

  public String display() {
    return display;
  }
}
