package dev.meshoperator.api.v1alpha1;

/**
 * Environment variables each component's renderer sets itself, as CEL lists: the pod's identity,
 * the revision, the addresses of istiod, the cluster and mesh IDs. A user's entry of the same name
 * would be a duplicate the API server refuses, or would be silently overridden, so admission
 * refuses them on the component's env. A test holds each list against every rendered container.
 * Tuning variables the renderers merely default (istiod's trace sampling, ztunnel's log level) are
 * not here: the user's value wins.
 */
public final class ReservedEnv {

  private ReservedEnv() {}

  public static final String ISTIOD =
      "['REVISION', 'PILOT_CERT_PROVIDER', 'POD_NAME', 'POD_NAMESPACE', 'SERVICE_ACCOUNT',"
          + " 'KUBECONFIG', 'CLUSTER_ID', 'PLATFORM']";

  public static final String ZTUNNEL =
      "['CA_ADDRESS', 'XDS_ADDRESS', 'NETWORK', 'ISTIO_META_CLUSTER_ID', 'INPOD_ENABLED',"
          + " 'POD_NAME', 'POD_NAMESPACE', 'NODE_NAME', 'INSTANCE_IP', 'SERVICE_ACCOUNT',"
          + " 'ZTUNNEL_CPU_LIMIT', 'ZTUNNEL_RESOURCE_CPU_LIMIT', 'ZTUNNEL_RESOURCE_CPU_REQUEST']";

  /** istio-cni's container env, which wins over the ConfigMap the user's env goes into. */
  public static final String CNI =
      "['REPAIR_NODE_NAME', 'REPAIR_RUN_AS_DAEMON', 'REPAIR_SIDECAR_ANNOTATION',"
          + " 'ALLOW_SWITCH_TO_HOST_NS', 'NODE_NAME', 'GOMEMLIMIT', 'GOMAXPROCS', 'POD_NAME',"
          + " 'POD_NAMESPACE']";

  public static final String GATEWAY =
      "['PILOT_CERT_PROVIDER', 'CA_ADDR', 'NODE_NAME', 'POD_NAME', 'POD_NAMESPACE', 'INSTANCE_IP',"
          + " 'HOST_IP', 'ISTIO_CPU_LIMIT', 'SERVICE_ACCOUNT', 'ISTIO_META_WORKLOAD_NAME',"
          + " 'ISTIO_META_OWNER', 'ISTIO_META_MESH_ID', 'TRUST_DOMAIN',"
          + " 'ISTIO_META_UNPRIVILEGED_POD', 'ISTIO_META_CLUSTER_ID', 'ISTIO_META_NODE_NAME']";

  static final String MESSAGE =
      "an environment variable the operator sets itself cannot be overridden (the pod's identity,"
          + " the revision, istiod's address, the cluster and mesh IDs); see docs/api.md";
}
