package dev.meshoperator.crds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.istioapi.PublishedApi;
import dev.meshoperator.istioapi.PublishedApis;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IstioCrdPlannerTest {

  private static final PublishedApis APIS = new PublishedApis();
  private static final PublishedApi V130 = APIS.of("1.30.8");
  private static final String VS = "virtualservices.networking.istio.io";

  @Test
  void writesEveryCrdInAClusterWithoutThem() {
    IstioCrdPlan plan = IstioCrdPlanner.plan(V130, Map.of(), false);

    assertThat(plan.leftAlone()).isEmpty();
    assertThat(plan.release()).isEqualTo("1.30.8");
    assertThat(plan.managedBy()).isEqualTo("mesh-operator");
  }

  @Test
  void keepsItsOwnNewerSchemasOnARollback() {
    Map<String, ObjectMeta> cluster = new HashMap<>();
    V130.crdNames().forEach(name -> cluster.put(name, ours(name, "1.31.4")));

    IstioCrdPlan plan = IstioCrdPlanner.plan(V130, cluster, false);

    assertThat(plan.leftAlone()).containsExactlyInAnyOrderElementsOf(V130.crdNames());
    assertThat(plan.release()).isEqualTo("1.31.4");
    assertThat(plan.message()).contains("never downgraded").contains("1.31.4");
  }

  @Test
  void upgradesItsOwnOlderSchemas() {
    Map<String, ObjectMeta> cluster = Map.of(VS, ours(VS, "1.29.6"));

    assertThat(IstioCrdPlanner.plan(V130, cluster, false).leftAlone()).isEmpty();
  }

  @Test
  void leavesAHelmReleasesCrdsAloneUnlessToldToTakeThemOver() {
    ObjectMeta helm =
        new ObjectMetaBuilder()
            .withName(VS)
            .addToLabels("app.kubernetes.io/managed-by", "Helm")
            .addToLabels("app.kubernetes.io/version", "1.29.2")
            .addToAnnotations("meta.helm.sh/release-name", "istio-base")
            .addToAnnotations("meta.helm.sh/release-namespace", "istio-system")
            .build();

    IstioCrdPlan plan = IstioCrdPlanner.plan(V130, Map.of(VS, helm), false);

    assertThat(plan.leftAlone()).containsExactly(VS);
    assertThat(plan.managedBy()).isEqualTo("Helm release istio-system/istio-base (1.29.2)");
    assertThat(plan.message()).contains("takeOverCrds");
    assertThat(IstioCrdPlanner.plan(V130, Map.of(VS, helm), true).leftAlone()).isEmpty();
  }

  @Test
  void tellsTheInstallersApart() {
    assertThat(tool(Map.of("operator.istio.io/managed", "Reconcile"), Map.of()))
        .isEqualTo(CrdManager.Tool.ISTIOCTL);
    assertThat(tool(Map.of("app.kubernetes.io/managed-by", "sail-library"), Map.of()))
        .isEqualTo(CrdManager.Tool.SAIL);
    assertThat(tool(Map.of("olm.managed", "true"), Map.of())).isEqualTo(CrdManager.Tool.OLM);
    assertThat(tool(Map.of("app", "istio-pilot"), Map.of())).isEqualTo(CrdManager.Tool.NONE);
    assertThat(tool(Map.of(), Map.of("meta.helm.sh/release-name", "base")))
        .isEqualTo(CrdManager.Tool.HELM);
  }

  private static CrdManager.Tool tool(Map<String, String> labels, Map<String, String> annotations) {
    return CrdManager.of(
            new ObjectMetaBuilder().withLabels(labels).withAnnotations(annotations).build())
        .tool();
  }

  private static ObjectMeta ours(String name, String release) {
    return new ObjectMetaBuilder()
        .withName(name)
        .addToLabels("app.kubernetes.io/managed-by", "mesh-operator")
        .addToLabels("app.kubernetes.io/version", release)
        .build();
  }
}
