package dev.meshoperator.render;

import dev.meshoperator.plan.MeshPlan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/** Everything one revision of istiod needs: workload, config, permissions and webhooks. */
public final class IstiodRenderer {

  public static final String COMPONENT = "istiod";

  private IstiodRenderer() {}

  /** The default tag, pointing at {@code active}: its webhook configuration and Service. */
  public static List<HasMetadata> defaultTag(MeshPlan active) {
    return tag(active, MeshPlan.DEFAULT_REVISION);
  }

  /** A revision tag pointing at {@code revision}: its webhook configuration and Service. */
  public static List<HasMetadata> tag(MeshPlan revision, String tag) {
    return List.of(IstiodWebhooks.tag(revision, tag), IstiodWorkload.tagService(revision, tag));
  }

  /** Name of the webhook configuration of {@code tag} in control-plane {@code namespace}. */
  public static String tagWebhookName(String tag, String namespace) {
    return IstiodWebhooks.tagName(tag, namespace);
  }

  /** Name of the Service of {@code tag}, in the control-plane namespace. */
  public static String tagServiceName(String tag) {
    return "istiod-revision-tag-" + tag;
  }

  public static List<HasMetadata> render(MeshPlan plan) {
    if (plan.istiod().isEmpty()) {
      return List.of();
    }
    var istiod = plan.istiod().get();
    List<HasMetadata> objects = new ArrayList<>();
    objects.addAll(IstiodRbac.render(plan));
    objects.addAll(IstiodConfig.render(plan, istiod));
    objects.addAll(IstiodWorkload.render(plan, istiod));
    objects.add(IstiodWebhooks.injector(plan));
    objects.add(IstiodWebhooks.validator(plan));
    return objects;
  }
}
