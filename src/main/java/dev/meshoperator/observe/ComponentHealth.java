package dev.meshoperator.observe;

/**
 * Whether one component works, with the reason when it does not.
 *
 * @param ready {@code True}, {@code False} or {@code Unknown}
 * @param reason UpperCamelCase, e.g. {@code Available} or {@code NoReplicasAvailable}
 */
public record ComponentHealth(String component, String ready, String reason, String message) {

  public static ComponentHealth ready(String component, String reason, String message) {
    return new ComponentHealth(component, "True", reason, message);
  }

  public static ComponentHealth notReady(String component, String reason, String message) {
    return new ComponentHealth(component, "False", reason, message);
  }

  public boolean isReady() {
    return "True".equals(ready);
  }
}
