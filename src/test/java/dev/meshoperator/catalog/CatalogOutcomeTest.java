package dev.meshoperator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogOutcomeTest {

  private static final IstioCatalog BUILT_IN = IstioCatalog.load();

  @Test
  void aRuntimeCatalogAddsPatchesAndWholeLines() {
    CatalogOutcome outcome =
        CatalogOutcome.merge(
            BUILT_IN,
            List.of(
                Map.entry(
                    "ConfigMap ops/more",
                    """
                    minorLines:
                    - minor: "1.30"
                      patches: [1.30.9]
                    - minor: "1.32"
                      kubernetes: {min: "1.34", max: "1.38"}
                      oldestCompatibilityVersion: "1.26"
                      patches: [1.32.0]
                    """)));
    assertThat(outcome.error()).isEmpty();
    IstioCatalog catalog = outcome.catalog();
    assertThat(catalog.resolve("latest")).map(IstioRelease::version).hasValue("1.32.0");
    assertThat(catalog.resolve("1.30-latest")).map(IstioRelease::version).hasValue("1.30.9");
    assertThat(catalog.sourceOf("1.30.9")).isEqualTo("ConfigMap ops/more");
    assertThat(catalog.sourceOf("1.30.4")).isEqualTo(IstioCatalog.BUILT_IN);
    assertThat(BUILT_IN.resolve("1.30.9")).as("the built-in catalog is not changed").isEmpty();
  }

  @Test
  void aBadRuntimeCatalogIsLeftOutWithTheReason() {
    for (String bad :
        List.of(
            "minorLines: [{minor: \"1.30\", patches: [1.29.9]}]",
            "minorLines: [{minor: \"1.32\", patches: [1.32.0]}]",
            "minorLines: [{minor: \"1.30\", patches: [1.30.9], image: x}]",
            "not: [a catalog",
            "")) {
      CatalogOutcome outcome = CatalogOutcome.merge(BUILT_IN, List.of(Map.entry("cm", bad)));
      assertThat(outcome.error()).as(bad).hasValueSatisfying(e -> assertThat(e).startsWith("cm: "));
      assertThat(outcome.catalog()).isSameAs(BUILT_IN);
      assertThat(outcome.runtime()).isEmpty();
    }
  }
}
