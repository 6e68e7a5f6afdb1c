package dev.meshoperator.localcluster;

/**
 * The local control plane could not be built, started or stopped; the message says what is missing.
 */
public class LocalClusterException extends RuntimeException {
  public LocalClusterException(String message) {
    super(message);
  }

  public LocalClusterException(String message, Throwable cause) {
    super(message, cause);
  }
}
