package dev.meshoperator.preflight;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.catalog.IstioRelease;
import dev.meshoperator.catalog.MinorVersion;
import dev.meshoperator.plan.InvalidSpecException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Upstream's support window: a release whose line is past its end of life gets no security patch,
 * so nobody starts on one by accident. A new installation of such a line, or a move onto it from
 * another line, is refused unless spec.allowEndOfLife says it is meant; an installation already on
 * the line goes on (it is warned in its status instead). Pure.
 */
public final class SupportWindow {

  private SupportWindow() {}

  /** Throws {@link InvalidSpecException} (InvalidSpec) when the move onto {@code target} is. */
  public static void require(MeshInstallation mesh, IstioRelease target, LocalDate today) {
    if (!target.endOfLifeBy(today)
        || (mesh.getSpec() != null && Boolean.TRUE.equals(mesh.getSpec().getAllowEndOfLife()))) {
      return;
    }
    Optional<MinorVersion> running =
        Optional.ofNullable(mesh.getStatus()).map(s -> s.getVersion()).map(MinorVersion::of);
    if (running.filter(target.line()::equals).isPresent()) {
      return;
    }
    throw new InvalidSpecException(
        InvalidSpecException.Reason.InvalidSpec,
        "Istio "
            + target.line()
            + " reached its end of life on "
            + target.endOfLife().orElseThrow()
            + " and gets no more security patches: choose a supported release, or set"
            + " spec.allowEndOfLife to install "
            + target.version()
            + " anyway");
  }
}
