package dev.meshoperator.testing;

import static org.awaitility.Awaitility.await;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Edits a MeshInstallation as a user's kubectl edit would, retrying like kubectl when the operator
 * wrote in between (its status, a finalizer while it holds an enrollment) and the update conflicts.
 */
public final class MeshEdits {

  private MeshEdits() {}

  /** Applies {@code change} to the latest version; returns the installation as edited. */
  public static MeshInstallation edit(
      KubernetesClient client, String name, Consumer<MeshInstallation> change) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptionsMatching(
            e -> e instanceof KubernetesClientException k && k.getCode() == 409)
        .until(
            () ->
                client
                    .resources(MeshInstallation.class)
                    .withName(name)
                    .edit(
                        m -> {
                          change.accept(m);
                          return m;
                        }),
            edited -> edited != null);
  }
}
