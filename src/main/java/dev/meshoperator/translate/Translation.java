package dev.meshoperator.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A MeshInstallation made from another installer's settings, as the document a user applies, and
 * the settings it could not carry over.
 */
public record Translation(ObjectNode installation, List<Untranslated> untranslated) {}
