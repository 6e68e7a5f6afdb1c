package dev.meshoperator.overlay;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.meshoperator.api.v1alpha1.OverlaySpec;
import dev.meshoperator.api.v1alpha1.PatchOperationSpec;
import dev.meshoperator.plan.InvalidSpecException;
import dev.meshoperator.render.DesiredState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The user's overlays applied to what the operator rendered: each names objects by kind, name and
 * namespace and patches them with RFC 6902 operations. An overlay that matches nothing, or whose
 * patch cannot be applied or would take what the operator must own, refuses the spec naming the
 * overlay; nothing is written then.
 */
public final class Overlays {

  private static final ObjectMapper JSON = Serialization.jsonMapper();

  private Overlays() {}

  /** {@code desired} with every overlay applied, in order. */
  public static DesiredState apply(
      List<OverlaySpec> overlays, String controlPlane, DesiredState desired) {
    List<OverlaySpec> all = Objects.requireNonNullElse(overlays, List.of());
    if (all.isEmpty()) {
      return desired;
    }
    List<HasMetadata> objects = new ArrayList<>(desired.objects());
    for (int i = 0; i < all.size(); i++) {
      OverlaySpec overlay = all.get(i);
      String at = "spec.overlays[" + i + "]";
      List<Integer> targets = targets(overlay, controlPlane, objects, at);
      ArrayNode patch = patch(overlay, at);
      for (int index : targets) {
        objects.set(index, patched(objects.get(index), patch, at));
      }
    }
    return new DesiredState(objects);
  }

  private static List<Integer> targets(
      OverlaySpec overlay, String controlPlane, List<HasMetadata> objects, String at) {
    List<Integer> targets = new ArrayList<>();
    TreeSet<String> ofKind = new TreeSet<>();
    boolean clusterScoped = OverlayKinds.isClusterScoped(overlay.getKind());
    for (int i = 0; i < objects.size(); i++) {
      HasMetadata object = objects.get(i);
      if (!object.getKind().equals(overlay.getKind())) {
        continue;
      }
      ofKind.add(OverlayTarget.describe(object));
      if (OverlayTarget.matches(overlay, controlPlane, object)) {
        targets.add(i);
      }
    }
    if (clusterScoped && overlay.getNamespace() != null) {
      throw refused(at + ".namespace: " + overlay.getKind() + " is cluster-scoped; remove it");
    }
    if (targets.isEmpty()) {
      throw refused(
          at
              + ": the installation renders no "
              + overlay.getKind()
              + " "
              + OverlayTarget.describe(overlay, controlPlane, clusterScoped)
              + (ofKind.isEmpty()
                  ? " (none of that kind)"
                  : "; it renders " + String.join(", ", ofKind)));
    }
    return targets;
  }

  private static ArrayNode patch(OverlaySpec overlay, String at) {
    ArrayNode patch = JSON.createArrayNode();
    for (int i = 0; i < overlay.getPatches().size(); i++) {
      PatchOperationSpec operation = overlay.getPatches().get(i);
      boolean takesValue = List.of("add", "replace", "test").contains(operation.getOp());
      if (takesValue != (operation.getValue() != null)) {
        throw refused(
            at
                + ".patches["
                + i
                + "].value: "
                + (takesValue
                    ? operation.getOp() + " needs a value"
                    : operation.getOp() + " takes no value"));
      }
      var node = patch.addObject().put("op", operation.getOp()).put("path", operation.getPath());
      if (operation.getFrom() != null) {
        node.put("from", operation.getFrom());
      }
      if (operation.getValue() != null) {
        node.set("value", operation.getValue());
      }
    }
    return patch;
  }

  private static HasMetadata patched(HasMetadata object, ArrayNode patch, String at) {
    JsonNode before = JSON.valueToTree(object);
    JsonNode after;
    try {
      after = JsonPatch.apply(patch, before);
    } catch (RuntimeException failed) {
      throw refused(
          at
              + ".patches cannot be applied to "
              + OverlayTarget.named(object)
              + ": "
              + PatchFailure.reason(failed));
    }
    OwnedFields.requireUnchanged(before, after, at, OverlayTarget.named(object));
    try {
      return JSON.treeToValue(after, object.getClass());
    } catch (JsonMappingException unreadable) {
      throw refused(
          at
              + ".patches leave "
              + OverlayTarget.named(object)
              + " with a value of the wrong type at "
              + PatchFailure.pointer(unreadable));
    } catch (IOException unreadable) {
      throw refused(
          at
              + ".patches leave "
              + OverlayTarget.named(object)
              + " in a shape its kind cannot have");
    }
  }

  static InvalidSpecException refused(String message) {
    return new InvalidSpecException(InvalidSpecException.Reason.InvalidSpec, message);
  }
}
