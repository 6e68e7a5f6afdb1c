package dev.meshoperator.testing;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the operator the way an installed Deployment (from the chart, the install manifest or the
 * OLM bundle, read back from the API server) says: its container's environment, with the fields the
 * kubelet would fill in, and a token of its ServiceAccount. The packaged jar stands for the image
 * (fake nodes run no containers; the image itself is proven by InstallManifestIT).
 */
public final class DeployedOperator {

  private DeployedOperator() {}

  /** The container environment of {@code deployment} for a pod named {@code podName}. */
  public static Map<String, String> environment(Deployment deployment, String podName) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar variable : container(deployment).getEnv()) {
      if (variable.getValue() != null) {
        env.put(variable.getName(), variable.getValue());
      } else if (variable.getValueFrom() != null && variable.getValueFrom().getFieldRef() != null) {
        String field = variable.getValueFrom().getFieldRef().getFieldPath();
        switch (field) {
          case "metadata.namespace" ->
              env.put(variable.getName(), deployment.getMetadata().getNamespace());
          case "metadata.name" -> env.put(variable.getName(), podName);
          default -> throw new IllegalArgumentException("no stand-in for the field " + field);
        }
      }
    }
    return env;
  }

  public static Container container(Deployment deployment) {
    List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
    return containers.get(0);
  }

  /** A one-hour token of the Deployment's ServiceAccount. */
  public static String token(KubernetesClient admin, Deployment deployment) {
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    return PackagedOperator.token(
        admin, deployment.getMetadata().getNamespace(), pod.getServiceAccountName());
  }

  /** Starts the packaged operator as pod {@code podName} of {@code deployment}. */
  public static PackagedOperator start(
      KubernetesClient admin, Config cluster, Deployment deployment, String podName, Path log)
      throws IOException {
    return PackagedOperator.start(
        cluster,
        deployment.getMetadata().getNamespace(),
        token(admin, deployment),
        environment(deployment, podName),
        List.of(),
        log);
  }
}
