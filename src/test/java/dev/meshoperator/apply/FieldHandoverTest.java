package dev.meshoperator.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldHandoverTest {

  @Test
  void keepsApplyingTheInitialFailurePolicyWhileTheOperatorStillOwnsIt() {
    ValidatingWebhookConfiguration desired = desired();
    FieldHandover.yieldTakenFields(desired, live(Map.of("f:failurePolicy", Map.of())));

    assertThat(desired.getWebhooks().get(0).getFailurePolicy()).isEqualTo("Ignore");
  }

  @Test
  void leavesTheFailurePolicyToIstiodOnceIstiodHasWrittenIt() {
    ValidatingWebhookConfiguration desired = desired();
    FieldHandover.yieldTakenFields(desired, live(Map.of("f:sideEffects", Map.of())));

    assertThat(desired.getWebhooks().get(0).getFailurePolicy()).isNull();
    assertThat(desired.getWebhooks().get(0).getSideEffects()).isEqualTo("None");
  }

  @Test
  void appliesEverythingToAnObjectThatDoesNotExistYet() {
    ValidatingWebhookConfiguration desired = desired();
    FieldHandover.yieldTakenFields(desired, null);

    assertThat(desired.getWebhooks().get(0).getFailurePolicy()).isEqualTo("Ignore");
  }

  private static ValidatingWebhookConfiguration desired() {
    return new ValidatingWebhookConfigurationBuilder()
        .withNewMetadata()
        .withName("istio-validator-istio-system")
        .endMetadata()
        .addNewWebhook()
        .withName("rev.validation.istio.io")
        .withFailurePolicy("Ignore")
        .withSideEffects("None")
        .endWebhook()
        .build();
  }

  /** The live object, whose managed fields show what the operator's last apply owns. */
  private static ValidatingWebhookConfiguration live(Map<String, Object> ownedOfTheWebhook) {
    FieldsV1 fields = new FieldsV1();
    fields.setAdditionalProperty(
        "f:webhooks", Map.of("k:{\"name\":\"rev.validation.istio.io\"}", ownedOfTheWebhook));
    ValidatingWebhookConfiguration live = desired();
    live.getMetadata()
        .setManagedFields(
            java.util.List.of(
                new ManagedFieldsEntryBuilder()
                    .withManager(Applier.FIELD_MANAGER)
                    .withOperation("Apply")
                    .withFieldsV1(fields)
                    .build(),
                new ManagedFieldsEntryBuilder()
                    .withManager("pilot-discovery")
                    .withOperation("Update")
                    .build()));
    return live;
  }
}
