package dev.meshoperator.preflight;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.RevisionStatus;
import dev.meshoperator.catalog.IstioRelease;
import dev.meshoperator.catalog.MinorVersion;
import dev.meshoperator.plan.InvalidSpecException;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Upstream's support window: a release whose line is past its end of life gets no security patch,
 * so nobody starts on one by accident. A new installation of such a line, or a move onto it from
 * another line, is refused unless spec.allowEndOfLife says it is meant; an installation already on
 * the line goes on (it is warned in its status instead). Pure.
 */
public final class SupportWindow {

  private SupportWindow() {}

  /** Throws {@link InvalidSpecException} (InvalidSpec) when the move onto {@code target} is. */
  public static void require(MeshInstallation mesh, IstioRelease target, Instant now) {
    if (!target.endOfLifeBy(now)
        || (mesh.getSpec() != null && Boolean.TRUE.equals(mesh.getSpec().getAllowEndOfLife()))) {
      return;
    }
    if (runningLines(mesh).contains(target.line())) {
      return;
    }
    throw new InvalidSpecException(
        InvalidSpecException.Reason.InvalidSpec,
        target.endOfLifeNotice()
            + ": choose a supported release, or set"
            + " spec.allowEndOfLife to install "
            + target.version()
            + " anyway");
  }

  /** The lines the installation runs: its version, and every revision still running. */
  private static Set<MinorVersion> runningLines(MeshInstallation mesh) {
    if (mesh.getStatus() == null) {
      return Set.of();
    }
    Stream<String> revisions =
        mesh.getStatus().getRevisions() == null
            ? Stream.empty()
            : mesh.getStatus().getRevisions().stream().map(RevisionStatus::getVersion);
    return Stream.concat(Stream.ofNullable(mesh.getStatus().getVersion()), revisions)
        .filter(Objects::nonNull)
        .map(MinorVersion::of)
        .collect(Collectors.toSet());
  }
}
