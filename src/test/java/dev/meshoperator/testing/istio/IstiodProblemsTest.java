package dev.meshoperator.testing.istio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What counts as a problem in istiod's log: start-up transients do not, anything else does. */
class IstiodProblemsTest {

  private static final String T = "2026-12-01T05:42:48.409145Z\t";

  @Test
  void aGatewayClassCreationRaceIsNoProblemInEitherForm() {
    String log =
        T
            + "error\tcontrollers\terror handling istio-waypoint, retrying (retry count: 1):"
            + " gatewayclasses.gateway.networking.k8s.io \"istio-remote\" already exists"
            + "\tcontroller=gateway class\n"
            + T
            + "error\tcontrollers\terror handling istio, retrying (retry count: 1): 2 errors"
            + " occurred:\n"
            + "\t* gatewayclasses.gateway.networking.k8s.io \"istio-remote\" already exists\n"
            + "\t* gatewayclasses.gateway.networking.k8s.io \"istio-waypoint\" already exists\n"
            + "\tcontroller=gateway class\n"
            + T
            + "info\tgatewaycommon\tgateway updated\n";

    assertThat(IstiodProcess.problemsIn(log)).isEmpty();
  }

  @Test
  void anotherErrorAmongThemIsAProblem() {
    String log =
        T
            + "error\tcontrollers\terror handling istio, retrying (retry count: 1): 2 errors"
            + " occurred:\n"
            + "\t* gatewayclasses.gateway.networking.k8s.io \"istio-remote\" already exists\n"
            + "\t* gatewayclasses.gateway.networking.k8s.io \"istio\" is forbidden\n"
            + "\tcontroller=gateway class\n"
            + T
            + "warn\tinjection\tinvalid template\n";

    assertThat(IstiodProcess.problemsIn(log)).hasSize(2);
  }

  @Test
  void aJsonLogIsReadAsItsTextForm() {
    String log =
        "{\"level\":\"info\",\"time\":\"2026-12-06T15:10:55.323724Z\",\"msg\":\"sync"
            + " complete\",\"name\":\"ConfigMap_istio_mesh\",\"time\":\"661ns\"}\n"
            + "{\"level\":\"error\",\"time\":\"2026-12-06T15:10:56.719041Z\",\"scope\":"
            + "\"controllers\",\"msg\":\"error handling istiod-default-validator, retrying (retry"
            + " count: 1): webhook is not ready, retry\",\"controller\":\"validation\"}\n"
            + "{\"level\":\"warn\",\"time\":\"2026-12-06T15:10:57.000000Z\",\"scope\":\"model\","
            + "\"msg\":\"something else\"}";

    assertThat(IstiodProcess.problemsIn(log))
        .containsExactly("2026-12-06T15:10:57.000000Z\twarn\tmodel\tsomething else");
  }
}
