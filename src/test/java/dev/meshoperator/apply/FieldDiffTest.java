package dev.meshoperator.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

class FieldDiffTest {

  @Test
  void namesTheChangedFieldsMatchingNamedListItemsByName() {
    Deployment before = deployment("1.29.6", "a:1", "1");
    Deployment after = deployment("1.30.4", "a:2", "2");
    after.getMetadata().setResourceVersion("999");

    assertThat(FieldDiff.between(before, after))
        .containsExactly(
            "metadata.labels['app.kubernetes.io/version']",
            "spec.template.spec.containers[discovery].image",
            "spec.template.spec.containers[other]",
            "spec.template.spec.containers[sidecar]");
  }

  @Test
  void anUnchangedObjectHasNoChangedField() {
    Deployment before = deployment("1.29.6", "a:1", "1");
    Deployment after = deployment("1.29.6", "a:1", "1");
    after.getMetadata().setResourceVersion("2");
    after.getMetadata().setGeneration(7L);

    assertThat(FieldDiff.between(before, after)).isEmpty();
  }

  private static Deployment deployment(String version, String image, String sidecar) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("istiod")
        .withResourceVersion("1")
        .addToLabels("app.kubernetes.io/version", version)
        .endMetadata()
        .withNewSpec()
        .withNewTemplate()
        .withNewSpec()
        .addNewContainer()
        .withName("discovery")
        .withImage(image)
        .endContainer()
        .addNewContainer()
        .withName(sidecar.equals("1") ? "other" : "sidecar")
        .withImage("b")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
