package dev.meshoperator.apply;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.installation.InstallationPlan;
import dev.meshoperator.observe.ClusterSnapshot;
import dev.meshoperator.render.DesiredState;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * What a pass of writes, or its preview, works from: the installation, its plan and the objects
 * rendered for it, against the cluster as the informers see it.
 */
public record ApplyInputs(
    MeshInstallation mesh,
    InstallationPlan plan,
    DesiredState desired,
    ClusterSnapshot seen,
    Context<MeshInstallation> context) {}
