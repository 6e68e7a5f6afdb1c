package dev.meshoperator.istio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.apply.Applier;
import dev.meshoperator.render.OperatorLabels;
import dev.meshoperator.testing.AuditLog;
import dev.meshoperator.testing.MeshEdits;
import dev.meshoperator.testing.Tiers;
import dev.meshoperator.testing.istio.IstioCluster;
import dev.meshoperator.testing.istio.IstioMesh;
import dev.meshoperator.testing.istio.MeshWorkloads;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator and istiod share the webhook configurations: the operator renders them, istiod
 * patches in its CA bundle and, once its own webhook has rejected invalid config through the API
 * server, switches validation to fail-closed. Here istiod gets that far for real (the API server
 * reaches it through the test's service network), and the operator must leave both fields alone.
 */
@Tag(Tiers.ISTIO)
class WebhookOwnershipIT {

  /** Far longer than one round of a fight between the operator and istiod. */
  static final Duration QUIET = Duration.ofSeconds(10);

  @RegisterExtension
  static final IstioMesh istio = IstioMesh.installing(WebhookOwnershipIT::installation);

  static MeshInstallation installation() {
    return MeshWorkloads.installation("webhooks", "1.30.4", Profile.DEFAULT);
  }

  @Test
  void keepsIstiodsCaBundleAndFailClosedValidationWithoutWritingAWebhook() throws Exception {
    // istiod's own doing: CA bundles patched everywhere, validators switched to Fail.
    await("istiod patches caBundle and turns validation fail-closed; see " + istio.istiod().log())
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              assertThat(validators()).isNotEmpty();
              assertThat(validators())
                  .allSatisfy(
                      v ->
                          assertThat(v.getWebhooks())
                              .allSatisfy(
                                  w -> {
                                    assertThat(w.getClientConfig().getCaBundle()).isNotBlank();
                                    assertThat(w.getFailurePolicy()).isEqualTo("Fail");
                                  }));
              assertThat(injectors())
                  .allSatisfy(
                      m ->
                          assertThat(m.getWebhooks())
                              .allSatisfy(
                                  w -> assertThat(w.getClientConfig().getCaBundle()).isNotBlank()));
            });
    Map<String, String> caBundles = caBundles();

    AuditLog operator = IstioCluster.get().operatorRequests();
    long mark = operator.mark();
    // A spec change the operator must act on (the mesh config), so it reconciles everything and
    // sees istiod's values: it must not undo them.
    MeshEdits.edit(
        istio.client(),
        istio.mesh().name(),
        m ->
            m.getSpec()
                .setMeshConfig(
                    JsonNodeFactory.instance.objectNode().put("accessLogFile", "/dev/stdout")));
    // A fight is a chain of answers: the operator rewrites what istiod patched, istiod patches
    // it again, and the operator answers that update. Each link takes well under a second, so
    // once the operator has reconciled the edit and then stayed quiet for QUIET, none started.
    // Nothing periodic could start one later: the operator reconciles on events only (its
    // maximal reconciliation interval is hours), and istiod patches on events.
    operator.awaitRequest(mark, "patch configmaps"::equals, Duration.ofSeconds(60).toMillis());
    operator.awaitQuiet(QUIET.toMillis(), Duration.ofSeconds(90).toMillis());
    assertThat(webhookWrites(operator.since(mark))).as("the operator's webhook writes").isZero();
    assertThat(caBundles()).as("istiod's CA bundles").isEqualTo(caBundles);
    assertThat(validators())
        .flatMap(ValidatingWebhookConfiguration::getWebhooks)
        .allSatisfy(w -> assertThat(w.getFailurePolicy()).isEqualTo("Fail"));
    assertThat(operator.since(mark))
        .as("the operator reconciled the edit")
        .containsKeys("patch configmaps", "patch meshinstallations/status");
    assertThat(istio.istiod().problems())
        .as("istiod's errors and warnings; see %s", istio.istiod().log())
        .isEmpty();
    assertThat(validators())
        .allSatisfy(
            v ->
                assertThat(v.getMetadata().getManagedFields())
                    .filteredOn(f -> Applier.FIELD_MANAGER.equals(f.getManager()))
                    .allSatisfy(
                        f ->
                            assertThat(f.getFieldsV1().getAdditionalProperties().toString())
                                .doesNotContain("f:failurePolicy")));
  }

  private static int webhookWrites(Map<String, Integer> requests) {
    return requests.entrySet().stream()
        .filter(e -> e.getKey().contains("webhookconfigurations"))
        .filter(e -> AuditLog.WRITE_VERBS.contains(e.getKey().split(" ")[0]))
        .mapToInt(Map.Entry::getValue)
        .sum();
  }

  private static List<ValidatingWebhookConfiguration> validators() {
    return istio
        .client()
        .admissionRegistration()
        .v1()
        .validatingWebhookConfigurations()
        .withLabel(OperatorLabels.INSTALLATION, istio.mesh().name())
        .list()
        .getItems();
  }

  private static List<MutatingWebhookConfiguration> injectors() {
    return istio
        .client()
        .admissionRegistration()
        .v1()
        .mutatingWebhookConfigurations()
        .withLabel(OperatorLabels.INSTALLATION, istio.mesh().name())
        .list()
        .getItems();
  }

  private static Map<String, String> caBundles() {
    Map<String, String> bundles = new java.util.TreeMap<>();
    validators()
        .forEach(
            v ->
                v.getWebhooks()
                    .forEach(
                        w ->
                            bundles.put(
                                v.getMetadata().getName() + "/" + w.getName(),
                                w.getClientConfig().getCaBundle())));
    injectors()
        .forEach(
            m ->
                m.getWebhooks()
                    .forEach(
                        w ->
                            bundles.put(
                                m.getMetadata().getName() + "/" + w.getName(),
                                w.getClientConfig().getCaBundle())));
    return bundles;
  }
}
