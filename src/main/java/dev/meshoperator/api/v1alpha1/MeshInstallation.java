package dev.meshoperator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One Istio service mesh: which version and profile to run, and how to upgrade it. The customizer
 * gives kubectl explain a description of the resource and of its spec (the spec field is
 * CustomResource's, so it carries no description of its own).
 */
@SchemaCustomizer(value = ExplainDescriptions.class, input = "")
@Group(MeshInstallation.GROUP)
@Version(MeshInstallation.VERSION)
@ShortNames("mesh")
@AdditionalPrinterColumn(
    name = "Requested",
    jsonPath = ".spec.version",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Version",
    jsonPath = ".status.version",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Profile",
    jsonPath = ".spec.profile",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Revision",
    jsonPath = ".status.activeRevision",
    type = AdditionalPrinterColumn.Type.STRING)
// Ready tells how the running mesh is; Reconciled whether the current spec was taken (a refused
// spec leaves the mesh Ready on its old version).
@AdditionalPrinterColumn(
    name = "Reconciled",
    jsonPath = ".status.conditions[?(@.type==\"Reconciled\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Outcome",
    jsonPath = ".status.conditions[?(@.type==\"Reconciled\")].reason",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class MeshInstallation extends CustomResource<MeshInstallationSpec, MeshInstallationStatus> {
  public static final String GROUP = "mesh.operator.dev";
  public static final String VERSION = "v1alpha1";
}
