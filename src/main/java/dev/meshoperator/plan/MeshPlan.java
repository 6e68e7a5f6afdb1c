package dev.meshoperator.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.catalog.IstioRelease;
import dev.meshoperator.catalog.MinorVersion;
import java.util.List;
import java.util.Optional;

/**
 * Everything the renderers need, resolved once from a MeshInstallation and the catalog. Immutable
 * by contract: renderers read it and never change it.
 *
 * @param installation name of the MeshInstallation
 * @param namespace control-plane namespace
 * @param hub image registry of the data-plane images (proxyv2)
 * @param revision Istio revision name; {@code default} for the unnamed in-place revision
 * @param istiod how istiod runs, empty when the pilot component is off
 * @param cni how the istio-cni node agent runs, empty when off
 * @param ztunnel how the ambient node proxy runs, empty when off
 * @param meshConfig the effective MeshConfig: profile defaults with the user's on top
 * @param gateways the ingress and egress gateways that are on
 * @param platform the node paths and policies of the Kubernetes distribution
 * @param imagePullSecrets names of the secrets every Istio pod pulls its images with
 * @param proxyImage the proxy image istiod injects, when a mirror overrides the catalog's default
 *     (RELATED_IMAGE_*); empty means hub/proxyv2:version
 * @param values mesh-wide settings: multi-cluster identity, sidecar defaults, NetworkPolicies
 */
public record MeshPlan(
    String installation,
    String namespace,
    IstioRelease release,
    String hub,
    Profile profile,
    String revision,
    Optional<MinorVersion> compatibilityVersion,
    boolean baseEnabled,
    Optional<IstiodPlan> istiod,
    Optional<NodeAgentPlan> cni,
    Optional<NodeAgentPlan> ztunnel,
    ObjectNode meshConfig,
    List<GatewayPlan> gateways,
    PlatformPreset platform,
    List<String> imagePullSecrets,
    Optional<String> proxyImage,
    MeshValues values) {

  public static final String DEFAULT_REVISION = "default";

  public boolean isDefaultRevision() {
    return DEFAULT_REVISION.equals(revision);
  }

  /** Where istio-cni and ztunnel run: the control plane's namespace, unless the platform says. */
  public String nodeAgentNamespace() {
    return platform.nodeAgentNamespace() == null ? namespace : platform.nodeAgentNamespace();
  }

  /** istiod's Deployment, Service and ServiceAccount name: unsuffixed for the default revision. */
  public String istiodName() {
    return istiodName(revision);
  }

  static String istiodName(String revision) {
    return DEFAULT_REVISION.equals(revision) ? "istiod" : "istiod-" + revision;
  }

  /** Suffix Istio adds to per-revision object names: empty for the default revision. */
  public String revisionSuffix() {
    return isDefaultRevision() ? "" : "-" + revision;
  }
}
