package dev.meshoperator.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshoperator.api.v1alpha1.SidecarInjectorSpec;
import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.catalog.IstioRelease;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InjectorPolicyTest {

  private static final IstioRelease RELEASE = IstioCatalog.load().resolve("1.31.4").orElseThrow();

  @Test
  void unsetIsIstiodsOwnPolicyWithTheSidecarTemplate() {
    InjectorPolicy policy = InjectorPolicy.of(null, RELEASE);

    assertThat(policy.policy()).isEqualTo("enabled");
    assertThat(policy.effectiveDefaultTemplates()).containsExactly("sidecar");
    assertThat(policy.templates()).isEmpty();
  }

  @Test
  void defaultTemplatesMayNameTheReleasesOwnAndTheUsers() {
    SidecarInjectorSpec spec = new SidecarInjectorSpec();
    spec.setTemplates(Map.of("corp", "spec: {}"));
    spec.setDefaultTemplates(List.of("sidecar", "corp"));

    InjectorPolicy policy = InjectorPolicy.of(spec, RELEASE);

    assertThat(policy.effectiveDefaultTemplates()).containsExactly("sidecar", "corp");
    assertThat(policy.templates()).containsEntry("corp", "spec: {}");
  }

  @Test
  void aDefaultTemplateNothingIsNamedIsRefusedListingWhatThereIs() {
    SidecarInjectorSpec spec = new SidecarInjectorSpec();
    spec.setDefaultTemplates(List.of("sidecar", "corp"));

    assertThatThrownBy(() -> InjectorPolicy.of(spec, RELEASE))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageStartingWith(
            "spec.values.sidecarInjector.defaultTemplates: no template named corp; Istio 1.31.4"
                + " has sidecar, gateway, waypoint, kube-gateway, grpc-agent, grpc-simple");
  }
}
