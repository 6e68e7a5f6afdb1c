package dev.meshoperator.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import java.util.Map;
import java.util.Optional;

/**
 * Fields the operator sets only until istiod takes them over. A validating webhook starts as {@code
 * failurePolicy: Ignore}, so a fresh mesh is not blocked by a webhook nobody answers yet; istiod
 * switches it to {@code Fail} once it has seen its own webhook reject invalid config through the
 * API server. From then on the field is istiod's: the operator leaves it out of what it applies, or
 * every reconcile would flip the cluster back to fail-open.
 *
 * <p>Ownership is read from the live object's managed fields: while the operator still owns the
 * field (istiod has not written it yet), it keeps applying its initial value, because leaving it
 * out then would let the API server default it to Fail before istiod is ready.
 */
final class FieldHandover {

  private FieldHandover() {}

  /** Removes from {@code desired} what {@code actual} shows another manager has taken over. */
  static void yieldTakenFields(HasMetadata desired, HasMetadata actual) {
    if (actual == null
        || !(desired instanceof ValidatingWebhookConfiguration wanted)
        || wanted.getWebhooks() == null) {
      return;
    }
    Optional<Map<String, Object>> ours = ourAppliedFields(actual);
    for (ValidatingWebhook webhook : wanted.getWebhooks()) {
      if (ours.isEmpty() || !ownsFailurePolicy(ours.get(), webhook.getName())) {
        webhook.setFailurePolicy(null);
      }
    }
  }

  private static Optional<Map<String, Object>> ourAppliedFields(HasMetadata actual) {
    if (actual.getMetadata().getManagedFields() == null) {
      return Optional.empty();
    }
    return actual.getMetadata().getManagedFields().stream()
        .filter(e -> Applier.FIELD_MANAGER.equals(e.getManager()))
        .filter(e -> "Apply".equals(e.getOperation()))
        .map(ManagedFieldsEntry::getFieldsV1)
        .filter(f -> f != null && f.getAdditionalProperties() != null)
        .map(f -> f.getAdditionalProperties())
        .findFirst();
  }

  /** managedFields' fieldsV1 keys a list item of a map-type list by {@code k:{"name":...}}. */
  private static boolean ownsFailurePolicy(Map<String, Object> fields, String webhookName) {
    Object webhooks = fields.get("f:webhooks");
    if (!(webhooks instanceof Map<?, ?> byKey)) {
      return false;
    }
    Object webhook = byKey.get("k:{\"name\":\"" + webhookName + "\"}");
    return webhook instanceof Map<?, ?> item && item.containsKey("f:failurePolicy");
  }
}
