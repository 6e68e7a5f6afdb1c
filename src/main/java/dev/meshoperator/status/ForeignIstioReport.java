package dev.meshoperator.status;

import dev.meshoperator.adopt.ForeignRevision;
import dev.meshoperator.api.v1alpha1.ForeignIstioStatus;
import dev.meshoperator.observe.ClusterSnapshot;
import dev.meshoperator.observe.ForeignOwner;
import dev.meshoperator.plan.MeshPlan;
import dev.meshoperator.render.IstioLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code status.foreignIstio} says of each istiod another tool installed: the tool and release
 * its labels name, its version and revision, the namespaces that select it for injection and the
 * pods it injected. The same cluster gives the same report, so an unchanged cluster writes nothing.
 */
public final class ForeignIstioReport {

  private static final String DEFAULT_REVISION = MeshPlan.DEFAULT_REVISION;
  private static final String REVISION = IstioLabels.REVISION;

  /** The release an image tag names: {@code pilot:1.30.4}, {@code pilot:1.30.4-distroless}. */
  private static final Pattern RELEASE_TAG = Pattern.compile(":(\\d+\\.\\d+\\.\\d+)(-[^:/@]+)?$");

  private ForeignIstioReport() {}

  /**
   * The report for {@code status.foreignIstio}; null (left out) where no other tool's istiod runs.
   */
  public static List<ForeignIstioStatus> of(ClusterSnapshot seen) {
    List<Deployment> istiods = seen.foreignIstiods();
    if (istiods.isEmpty()) {
      return null;
    }
    List<Namespace> namespaces = seen.namespaces();
    List<Pod> workloads = seen.injectedWorkloads();
    return istiods.stream()
        .sorted(Comparator.comparing(ForeignIstioReport::key))
        .map(istiod -> report(istiod, namespaces, workloads))
        .toList();
  }

  private static ForeignIstioStatus report(
      Deployment istiod, List<Namespace> namespaces, List<Pod> pods) {
    ForeignOwner owner = ForeignOwner.of(istiod);
    String revision = owner.revision().orElse(DEFAULT_REVISION);
    ForeignIstioStatus status = new ForeignIstioStatus();
    status.setTool(owner.tool());
    status.setRelease(owner.release().orElse(null));
    status.setVersion(version(istiod).orElse(null));
    status.setRevision(revision);
    status.setIstiod(key(istiod));
    List<String> selecting =
        namespaces.stream()
            .filter(ns -> ForeignRevision.selects(labels(ns), revision))
            .map(ns -> ns.getMetadata().getName())
            .sorted()
            .toList();
    status.setNamespaces(selecting.isEmpty() ? null : selecting);
    status.setWorkloads(
        (int) pods.stream().filter(pod -> revision.equals(labels(pod).get(REVISION))).count());
    return status;
  }

  private static Optional<String> version(Deployment istiod) {
    return Optional.ofNullable(istiod.getSpec())
        .map(spec -> spec.getTemplate())
        .map(template -> template.getSpec())
        .flatMap(pod -> pod.getContainers().stream().findFirst())
        .map(c -> RELEASE_TAG.matcher(Objects.requireNonNullElse(c.getImage(), "")))
        .filter(Matcher::find)
        .map(m -> m.group(1));
  }

  private static String key(Deployment istiod) {
    return istiod.getMetadata().getNamespace() + "/" + istiod.getMetadata().getName();
  }

  private static Map<String, String> labels(HasMetadata object) {
    return Objects.requireNonNullElse(object.getMetadata().getLabels(), Map.of());
  }

  /** One line for an Event: who installed which revision, and what runs on it. */
  public static String describe(ForeignIstioStatus found) {
    int namespaces = found.getNamespaces() == null ? 0 : found.getNamespaces().size();
    return "istiod "
        + found.getIstiod()
        + " (revision "
        + found.getRevision()
        + (found.getVersion() == null ? "" : ", Istio " + found.getVersion())
        + ") was installed by "
        + (found.getRelease() == null
            ? found.getTool()
            : found.getTool() + " (" + found.getRelease() + ")")
        + ": "
        + namespaces
        + (namespaces == 1 ? " namespace" : " namespaces")
        + " and "
        + found.getWorkloads()
        + (found.getWorkloads() == 1 ? " pod use it" : " pods use it");
  }
}
