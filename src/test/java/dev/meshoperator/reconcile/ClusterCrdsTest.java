package dev.meshoperator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionConditionBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterCrdsTest {

  private static final String ACCEPTED_AT = "2026-12-06T06:00:00Z";

  @Test
  void aCrdNamedButNotEstablishedSaysSinceWhenAndKeepsSoInTheCache() {
    CustomResourceDefinition crd =
        crd(
            condition("NamesAccepted", "True", ACCEPTED_AT),
            condition("NonStructuralSchema", "True", ACCEPTED_AT));

    CustomResourceDefinition cached = ClusterCrds.reduce(crd);

    assertThat(ClusterCrds.namedNotEstablishedSince(cached)).contains(Instant.parse(ACCEPTED_AT));
    assertThat(cached.getStatus().getConditions())
        .extracting(CustomResourceDefinitionCondition::getType)
        .containsExactly("NamesAccepted");
  }

  @Test
  void establishedOrRefusedCrdsAreNotWaiting() {
    CustomResourceDefinition established =
        crd(
            condition("NamesAccepted", "True", ACCEPTED_AT),
            condition("Established", "True", ACCEPTED_AT));
    CustomResourceDefinition refused = crd(condition("NamesAccepted", "False", ACCEPTED_AT));
    CustomResourceDefinition fresh = new CustomResourceDefinitionBuilder().build();

    assertThat(ClusterCrds.isEstablished(established)).isTrue();
    assertThat(ClusterCrds.namedNotEstablishedSince(established)).isEmpty();
    assertThat(ClusterCrds.namedNotEstablishedSince(refused)).isEmpty();
    assertThat(ClusterCrds.namedNotEstablishedSince(fresh)).isEmpty();
  }

  private static CustomResourceDefinition crd(CustomResourceDefinitionCondition... conditions) {
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata()
        .withName("gateways.networking.istio.io")
        .endMetadata()
        .withNewStatus()
        .withConditions(List.of(conditions))
        .endStatus()
        .build();
  }

  private static CustomResourceDefinitionCondition condition(
      String type, String status, String at) {
    return new CustomResourceDefinitionConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withLastTransitionTime(at)
        .build();
  }
}
