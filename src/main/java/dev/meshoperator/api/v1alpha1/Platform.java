package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The Kubernetes distribution, for the node paths and policies Istio's platform profiles set. */
public enum Platform {
  @JsonProperty("default")
  DEFAULT,
  @JsonProperty("eks")
  EKS,
  @JsonProperty("gke")
  GKE,
  @JsonProperty("k3d")
  K3D,
  @JsonProperty("k3s")
  K3S,
  @JsonProperty("microk8s")
  MICROK8S,
  @JsonProperty("minikube")
  MINIKUBE,
  @JsonProperty("openshift")
  OPENSHIFT
}
