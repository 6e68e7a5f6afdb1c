package dev.meshoperator.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Multus's network attachment (the Kubernetes Network Plumbing Working Group's API, which OpenShift
 * ships): a network pods join by naming it in their {@code k8s.v1.cni.cncf.io/networks} annotation.
 * Only its name matters here: with no spec, multus runs the CNI configuration of the same name,
 * istio-cni's. Its CRD belongs to the cluster, never to the operator.
 */
@Group("k8s.cni.cncf.io")
@Version("v1")
@Kind("NetworkAttachmentDefinition")
@Plural("network-attachment-definitions")
@Singular("network-attachment-definition")
public class NetworkAttachmentDefinition extends CustomResource<Void, Void> implements Namespaced {

  public static final String CRD_NAME =
      HasMetadata.getFullResourceName(NetworkAttachmentDefinition.class);
}
