package dev.meshoperator.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code mesh-operator translate FILE}: the MeshInstallation for an IstioOperator file or a file of
 * Istio's Helm values ({@code -} reads standard input), printed as YAML that {@code kubectl apply
 * -f -} takes, after comment lines naming each setting that was not carried over and why.
 */
public final class TranslateCommand {

  public static final String NAME = "translate";

  static final int OK = 0;
  static final int USAGE = 2;

  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              // A string that reads as a number (an env value of 0.5) keeps its quotes, or the
              // API server would be given a number where the schema wants a string.
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

  private TranslateCommand() {}

  /** {@code args} are what follows the command's name. */
  public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
    if (args.size() != 1 || args.get(0).startsWith("-") && !args.get(0).equals("-")) {
      err.println(
          "usage: mesh-operator translate FILE   (an IstioOperator or Helm values; - for stdin)");
      return USAGE;
    }
    JsonNode document;
    try {
      document =
          args.get(0).equals("-")
              ? YAML.readTree(in)
              : YAML.readTree(Files.readString(Path.of(args.get(0))));
    } catch (NoSuchFileException e) {
      err.println("translate: no such file: " + args.get(0));
      return USAGE;
    } catch (IOException e) {
      err.println("translate: " + args.get(0) + " is not YAML: " + firstLine(e.getMessage()));
      return USAGE;
    }
    if (document == null || !document.isObject()) {
      err.println("translate: " + args.get(0) + " holds no YAML object");
      return USAGE;
    }
    Translation translation;
    try {
      translation = IstioOperatorTranslator.translate(document);
    } catch (IllegalArgumentException e) {
      err.println("translate: " + e.getMessage());
      return USAGE;
    }
    out.print(render(translation));
    return OK;
  }

  /** The comments and the document, as printed. */
  public static String render(Translation translation) {
    StringBuilder text = new StringBuilder();
    List<Untranslated> left = translation.untranslated();
    if (left.isEmpty()) {
      text.append("# Every setting was carried over.\n");
    } else {
      text.append("# Not carried over (").append(left.size()).append("):\n");
      left.forEach(n -> text.append("#   ").append(n).append('\n'));
    }
    try {
      text.append(YAML.writeValueAsString(translation.installation()));
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree always prints as YAML", e);
    }
    return text.toString();
  }

  private static String firstLine(String message) {
    return message == null ? "unreadable" : message.lines().findFirst().orElse(message);
  }
}
