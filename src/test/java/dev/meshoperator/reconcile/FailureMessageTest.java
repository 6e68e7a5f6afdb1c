package dev.meshoperator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.OperatorException;
import org.junit.jupiter.api.Test;

class FailureMessageTest {

  @Test
  void aRefusedRequestIsToldByTheServersReasonWithoutTheRequestDump() {
    KubernetesClientException refused =
        new KubernetesClientException(
            "Failure executing: PATCH at: https://127.0.0.1:6443/apis/apps/v1/x. Message: no.",
            422,
            new StatusBuilder().withMessage("spec.replicas: Invalid value: -1").build());

    assertThat(FailureMessage.of(new OperatorException("wrapped", refused)))
        .isEqualTo(
            "the API server refused a request (spec.replicas: Invalid value: -1); retrying with"
                + " backoff")
        .doesNotContain("Failure executing", "https://");
  }

  @Test
  void anUnforeseenFailureNamesNoExceptionClass() {
    String message =
        FailureMessage.of(
            new NumberFormatException("Character l is neither a decimal digit number"));

    assertThat(message)
        .doesNotContain("NumberFormatException", "Character l")
        .contains("failed unexpectedly", "operator's log");
  }

  @Test
  void noAnswerIsSaidSo() {
    assertThat(FailureMessage.of(new KubernetesClientException("timeout")))
        .isEqualTo("could not reach the API server; retrying with backoff");
  }
}
