package dev.meshoperator.owncrd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshoperator.owncrd.OwnCrdUpgrade.Decision;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnCrdUpgradeTest {

  private static final OperatorVersion OURS = OperatorVersion.parse("0.4.0").orElseThrow();

  @Test
  void versionsOrderAsSemanticVersionsDo() {
    assertThat(v("0.4.0")).isGreaterThan(v("0.4.0-SNAPSHOT")).isGreaterThan(v("0.3.9"));
    assertThat(v("0.10.0")).isGreaterThan(v("0.9.1"));
    assertThat(v("1.0.0-rc.2")).isGreaterThan(v("1.0.0-rc.1"));
    assertThat(v("0.4.0")).isEqualByComparingTo(v("0.4.0"));
    assertThat(v("1.0.0-rc.10")).isGreaterThan(v("1.0.0-rc.9"));
    assertThat(v("1.0.0-rc.1")).isGreaterThan(v("1.0.0-1")).isGreaterThan(v("1.0.0-0.9"));
    assertThat(OperatorVersion.parse("latest")).isEmpty();
  }

  @Test
  void theClusterCrdIsUpgradedWhenItLacksPartOfOursAndIsNotNewer() {
    CustomResourceDefinition packaged = OwnCrdUpgrade.packaged();
    CustomResourceDefinition older = withoutOverlays(packaged, null);
    assertThat(OwnCrdUpgrade.decide(packaged, older, OURS)).isEqualTo(Decision.UPGRADE);
    assertThat(OwnCrdUpgrade.decide(packaged, withoutOverlays(packaged, "0.3.0"), OURS))
        .isEqualTo(Decision.UPGRADE);
    assertThat(OwnCrdUpgrade.decide(packaged, withoutOverlays(packaged, "0.5.0"), OURS))
        .as("never downgraded")
        .isEqualTo(Decision.NEWER);
    assertThat(OwnCrdUpgrade.decide(packaged, null, OURS)).isEqualTo(Decision.ABSENT);
  }

  @Test
  void aCrdWithFieldsThisOperatorDoesNotKnowIsNeverDowngraded() {
    CustomResourceDefinition packaged = OwnCrdUpgrade.packaged();
    CustomResourceDefinition newer = copy(packaged);
    spec(newer)
        .getProperties()
        .put("futureField", new JSONSchemaPropsBuilder().withType("string").build());
    spec(newer).getProperties().remove("overlays");
    assertThat(OwnCrdUpgrade.decide(packaged, newer, OURS))
        .as("unmarked, and marked older, it still has a field this operator lacks")
        .isEqualTo(Decision.UNKNOWN_FIELDS);
    newer.getMetadata().setAnnotations(Map.of(OwnCrdUpgrade.VERSION_ANNOTATION, "0.1.0"));
    assertThat(OwnCrdUpgrade.decide(packaged, newer, OURS)).isEqualTo(Decision.UNKNOWN_FIELDS);
    assertThat(OwnCrdUpgrade.unknownFields(packaged, newer))
        .containsExactly("v1alpha1.spec.futureField");
  }

  @Test
  void aZeroTheServerKeepsIsADifference() {
    assertThat(OwnCrdUpgrade.covers(json("{\"minimum\":0}"), json("{}"))).isFalse();
    assertThat(OwnCrdUpgrade.covers(json("{\"default\":false}"), json("{}"))).isFalse();
    assertThat(OwnCrdUpgrade.covers(json("{\"default\":{}}"), json("{}"))).isFalse();
    assertThat(OwnCrdUpgrade.covers(json("{\"priority\":0,\"nullable\":false}"), json("{}")))
        .isTrue();
  }

  private static JSONSchemaProps spec(CustomResourceDefinition crd) {
    return crd.getSpec()
        .getVersions()
        .get(0)
        .getSchema()
        .getOpenAPIV3Schema()
        .getProperties()
        .get("spec");
  }

  @Test
  void aCrdHoldingAllOfOursIsCurrentWhateverTheServerAdded() {
    CustomResourceDefinition packaged = OwnCrdUpgrade.packaged();
    CustomResourceDefinition live = copy(packaged);
    live.getSpec()
        .setConversion(
            new io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceConversion(
                "None", null));
    assertThat(OwnCrdUpgrade.decide(packaged, live, OURS)).isEqualTo(Decision.CURRENT);
  }

  @Test
  void coversComparesFieldByFieldAndListsWhole() {
    assertThat(OwnCrdUpgrade.covers(json("{\"a\":1}"), json("{\"a\":1,\"b\":2}"))).isTrue();
    assertThat(OwnCrdUpgrade.covers(json("{\"a\":1}"), json("{\"a\":2}"))).isFalse();
    assertThat(OwnCrdUpgrade.covers(json("{\"a\":[1,2]}"), json("{\"a\":[1]}"))).isFalse();
    assertThat(OwnCrdUpgrade.covers(json("{\"a\":{\"b\":1}}"), json("{\"a\":{}}"))).isFalse();
    assertThat(OwnCrdUpgrade.covers(json("{\"priority\":0,\"b\":false,\"c\":[]}"), json("{}")))
        .as("zero values the API server omits")
        .isTrue();
  }

  private static CustomResourceDefinition withoutOverlays(
      CustomResourceDefinition packaged, String version) {
    CustomResourceDefinition older = copy(packaged);
    older
        .getSpec()
        .getVersions()
        .get(0)
        .getSchema()
        .getOpenAPIV3Schema()
        .getProperties()
        .get("spec")
        .getProperties()
        .remove("overlays");
    if (version != null) {
      older.getMetadata().setAnnotations(Map.of(OwnCrdUpgrade.VERSION_ANNOTATION, version));
    }
    return older;
  }

  private static CustomResourceDefinition copy(CustomResourceDefinition crd) {
    return Serialization.clone(crd);
  }

  private static JsonNode json(String text) {
    return Serialization.unmarshal(text, JsonNode.class);
  }

  private static OperatorVersion v(String text) {
    return OperatorVersion.parse(text).orElseThrow();
  }
}
