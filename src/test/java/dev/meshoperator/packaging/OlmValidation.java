package dev.meshoperator.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.localcluster.OneBuildAtATime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * operator-framework's validators, through {@code hack/olm/validate.sh} (which builds
 * operator-verify and opm once per machine): what the packaging tests ask of a bundle or catalog.
 */
final class OlmValidation {

  private OlmValidation() {}

  /**
   * Runs the script with {@code args} (none: the committed bundle and catalog; {@code --bundle
   * DIR}; a catalog directory) and fails with its output unless it accepts them without an error
   * line.
   */
  static void assertAccepted(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("hack/olm/validate.sh"));
    command.addAll(List.of(args));
    Process validate =
        new ProcessBuilder(OneBuildAtATime.command(command.toArray(String[]::new)))
            .redirectErrorStream(true)
            .start();
    String output = new String(validate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(validate.waitFor()).as("%s: %s", String.join(" ", command), output).isZero();
    assertThat(output)
        .as("%s: %s", String.join(" ", command), output)
        .doesNotContain("level=error");
  }
}
