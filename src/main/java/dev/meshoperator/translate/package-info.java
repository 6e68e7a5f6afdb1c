/**
 * Turning what another installer of Istio reads (an IstioOperator file, Helm values) into a
 * MeshInstallation, saying line by line what could not be carried over and why.
 */
package dev.meshoperator.translate;
