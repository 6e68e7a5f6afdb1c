package dev.meshoperator.testing;

import io.fabric8.kubernetes.client.KubernetesClient;

/** The image a Deployment runs, as the API server has it: what tests of versions look at. */
public final class DeploymentImages {

  private DeploymentImages() {}

  /** The first container's image of Deployment {@code namespace/name}. */
  public static String of(KubernetesClient client, String namespace, String name) {
    return client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName(name)
        .get()
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getImage();
  }
}
