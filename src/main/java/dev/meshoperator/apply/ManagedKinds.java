package dev.meshoperator.apply;

import dev.meshoperator.render.NetworkAttachmentDefinition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;

/**
 * Every kind the renderers emit. The reconciler watches each (drift and readiness trigger a
 * reconcile), the pruner deletes the owned ones no longer desired, and the operator's RBAC covers
 * them all; a test checks the three agree.
 */
public final class ManagedKinds {

  /** Owned kinds: pruned when no longer desired, garbage-collected with their installation. */
  public static final List<Class<? extends HasMetadata>> OWNED =
      List.of(
          ServiceAccount.class,
          ClusterRole.class,
          ClusterRoleBinding.class,
          Role.class,
          RoleBinding.class,
          ConfigMap.class,
          Service.class,
          Deployment.class,
          DaemonSet.class,
          HorizontalPodAutoscaler.class,
          PodDisruptionBudget.class,
          NetworkPolicy.class,
          ResourceQuota.class,
          MutatingWebhookConfiguration.class,
          ValidatingWebhookConfiguration.class);

  /**
   * Owned kinds of APIs only some clusters serve (multus's, on OpenShift): watched once their CRD
   * is established, pruned from then on.
   */
  public static final List<Class<? extends HasMetadata>> OWNED_WHERE_SERVED =
      List.of(NetworkAttachmentDefinition.class);

  /** Kinds that outlive their installation (see {@link Ownership}). */
  public static final List<Class<? extends HasMetadata>> KEPT =
      List.of(CustomResourceDefinition.class, Namespace.class);

  private ManagedKinds() {}
}
