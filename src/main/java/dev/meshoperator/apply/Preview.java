package dev.meshoperator.apply;

import dev.meshoperator.ambient.AmbientLabels;
import dev.meshoperator.ambient.NamespaceDecision;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.PreviewChange;
import dev.meshoperator.api.v1alpha1.PreviewStatus;
import dev.meshoperator.installation.InstallationPlan;
import dev.meshoperator.observe.ClusterSnapshot;
import dev.meshoperator.render.DesiredState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.SSABasedGenericKubernetesResourceMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link InstallationWriter} would do, without doing it: the same guards, the same comparison
 * of each rendered object with the cluster, the same pruning and namespace decisions. The fields of
 * a change come from a server-side apply dry run, so they are what the API server would store
 * (defaults and normalised quantities included); nothing is persisted.
 */
public final class Preview {

  private Preview() {}

  public static PreviewStatus of(ApplyInputs in) {
    InstallationPlan plan = in.plan();
    MeshInstallation mesh = in.mesh();
    ClusterSnapshot seen = in.seen();
    DesiredState writable = ForeignObjects.leaveToOwners(in.desired(), seen, plan::takesOver);
    KubernetesClient client = in.context().getClient();
    SSABasedGenericKubernetesResourceMatcher<HasMetadata> matcher =
        SSABasedGenericKubernetesResourceMatcher.getInstance();
    List<String> create = new ArrayList<>();
    List<PreviewChange> change = new ArrayList<>();
    for (HasMetadata object : writable.objects().stream().sorted(ApplyOrder.COMPARATOR).toList()) {
      HasMetadata actual = Applier.prepare(object, mesh, seen);
      if (actual == null) {
        create.add(name(object));
      } else if (!matcher.matches(actual, object, in.context())) {
        HasMetadata wouldBe =
            client
                .resource(object)
                .dryRun()
                .fieldManager(Applier.FIELD_MANAGER)
                .forceConflicts()
                .serverSideApply();
        change.add(new PreviewChange(name(object), FieldDiff.between(actual, wouldBe)));
      }
    }
    for (NamespaceDecision decision : plan.ambient().decisions()) {
      if (decision.needsWrite()) {
        change.add(new PreviewChange("Namespace/" + decision.name(), namespaceFields(decision)));
      }
    }
    List<String> delete =
        Pruner.stale(writable, mesh, seen, InstallationWriter.prunedKinds(plan)).stream()
            .map(Preview::name)
            .toList();
    int omitted =
        Math.max(0, create.size() - PreviewStatus.MAX_ENTRIES)
            + Math.max(0, change.size() - PreviewStatus.MAX_ENTRIES)
            + Math.max(0, delete.size() - PreviewStatus.MAX_ENTRIES);
    return new PreviewStatus(
        mesh.getMetadata().getGeneration(),
        capped(create),
        capped(change),
        capped(delete),
        omitted == 0 ? null : omitted);
  }

  /** Kind/namespace/name, or Kind/name for a cluster-scoped object. */
  static String name(HasMetadata object) {
    return object.getKind()
        + "/"
        + (object.getMetadata().getNamespace() == null
            ? ""
            : object.getMetadata().getNamespace() + "/")
        + object.getMetadata().getName();
  }

  /** The labels an enrollment would set, change or give back, and its record annotation. */
  private static List<String> namespaceFields(NamespaceDecision decision) {
    List<String> fields = new ArrayList<>();
    decision.labelsToWrite().forEach(k -> fields.add("metadata.labels['" + k + "']"));
    fields.add("metadata.annotations['" + AmbientLabels.ENROLLMENT_RECORD + "']");
    return fields;
  }

  private static <T> List<T> capped(List<T> items) {
    return items.size() > PreviewStatus.MAX_ENTRIES
        ? List.copyOf(items.subList(0, PreviewStatus.MAX_ENTRIES))
        : List.copyOf(items);
  }
}
