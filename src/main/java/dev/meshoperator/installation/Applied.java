package dev.meshoperator.installation;

import dev.meshoperator.ambient.AmbientOutcome;
import java.time.Duration;
import java.util.Optional;

/**
 * What one pass of writes came to: apply/ produces it, status/ reports it. It lives beside the plan
 * so that status/ does not depend on apply/, which uses status/'s events: no package cycle.
 *
 * @param written API writes issued
 * @param ambient enrollment as it ended (a namespace whose label another manager owns ends as a
 *     conflict)
 * @param restarted Deployments restarted onto the active revision so far, if restarts are on
 * @param recheckIn when to look again without an event (a CRD on its way to established)
 */
public record Applied(
    int written,
    AmbientOutcome ambient,
    Optional<Integer> restarted,
    Optional<Duration> recheckIn) {}
