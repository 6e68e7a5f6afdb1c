package dev.meshoperator.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/** The objects a MeshInstallation should have in the cluster, in no particular order. */
public record DesiredState(List<HasMetadata> objects) {}
