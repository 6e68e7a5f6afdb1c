package dev.meshoperator.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;

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
    if (cause.getStatus() == null || cause.getCode() == 0) {
      return "could not reach the API server to write " + name;
    }
    String reason =
        cause.getStatus().getMessage() == null || cause.getStatus().getMessage().isBlank()
            ? "HTTP " + cause.getCode()
            : cause.getStatus().getMessage();
    return "the API server refused " + name + " (" + reason + ")";
  }
}
