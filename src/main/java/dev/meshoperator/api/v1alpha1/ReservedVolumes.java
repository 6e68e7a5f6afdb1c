package dev.meshoperator.api.v1alpha1;

/**
 * istiod's own volumes and where it mounts them, as CEL lists: a user's volume of the same name
 * would be a duplicate the API server refuses, and a mount at the same path would hide istiod's
 * token, certificates or remote kubeconfig. A test holds the lists against the rendered Deployment.
 */
public final class ReservedVolumes {

  private ReservedVolumes() {}

  public static final String ISTIOD_NAMES =
      "['istio-token', 'local-certs', 'cacerts', 'istio-kubeconfig', 'istio-csr-dns-cert',"
          + " 'istio-csr-ca-configmap']";

  public static final String ISTIOD_PATHS =
      "['/var/run/secrets/tokens', '/var/run/secrets/istio-dns', '/etc/cacerts',"
          + " '/var/run/secrets/remote', '/var/run/secrets/istiod/tls',"
          + " '/var/run/secrets/istiod/ca']";
}
