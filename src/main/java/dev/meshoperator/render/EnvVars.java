package dev.meshoperator.render;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

/** Container environment entries, written the way the API server stores them. */
final class EnvVars {

  private EnvVars() {}

  static EnvVar value(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }

  /** From the pod's own fields (name, namespace, node, IP, service account). */
  static EnvVar field(String name, String path) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewFieldRef()
        .withApiVersion("v1")
        .withFieldPath(path)
        .endFieldRef()
        .endValueFrom()
        .build();
  }

  /** From the container's own resources, in whole units (GOMAXPROCS, GOMEMLIMIT). */
  static EnvVar resource(String name, String resource) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewResourceFieldRef()
        .withResource(resource)
        .withDivisor(new Quantity("1"))
        .endResourceFieldRef()
        .endValueFrom()
        .build();
  }
}
