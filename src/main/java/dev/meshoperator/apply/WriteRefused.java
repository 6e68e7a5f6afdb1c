package dev.meshoperator.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;

/**
 * A write of one object the API server refused or never answered, said in words that name the
 * object: what the user reads in the Reconciled condition and the Warning Event, instead of the
 * client's "Failure executing: PATCH at: https://..." text.
 */
public final class WriteRefused extends RuntimeException {

  WriteRefused(HasMetadata object, KubernetesClientException cause) {
    super(describe(object, cause), cause);
  }

  private static String describe(HasMetadata object, KubernetesClientException cause) {
    String name =
        object.getKind()
            + " "
            + (object.getMetadata().getNamespace() == null
                ? object.getMetadata().getName()
                : object.getMetadata().getNamespace() + "/" + object.getMetadata().getName());
    return serverReason(cause)
        .map(reason -> "the API server refused " + name + " (" + reason + ")")
        .orElse("could not reach the API server to write " + name);
  }

  /**
   * Why the API server refused a request, in its own words (its Status message, else the HTTP
   * code); empty when it never answered.
   */
  public static Optional<String> serverReason(KubernetesClientException e) {
    if (e.getStatus() == null || e.getCode() == 0) {
      return Optional.empty();
    }
    String message = e.getStatus().getMessage();
    return Optional.of(message == null || message.isBlank() ? "HTTP " + e.getCode() : message);
  }
}
