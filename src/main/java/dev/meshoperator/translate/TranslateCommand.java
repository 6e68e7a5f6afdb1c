package dev.meshoperator.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
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
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .stringQuotingChecker(new QuoteWhatReadsAsAnotherType())
              .build());

  /**
   * Quotes a string that a YAML reader could take for a number (an env value of 0.5, 1e3, 0x1F) as
   * well as the words it would take for booleans or null: the API server must get a string where
   * the schema wants one.
   */
  private static final class QuoteWhatReadsAsAnotherType extends StringQuotingChecker.Default {
    @Override
    public boolean needToQuoteValue(String value) {
      return super.needToQuoteValue(value)
          || (!value.isEmpty() && "0123456789+-.".indexOf(value.charAt(0)) >= 0);
    }
  }

  private TranslateCommand() {}

  /** {@code args} are what follows the command's name. */
  public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
    if (args.size() != 1 || args.get(0).startsWith("-") && !args.get(0).equals("-")) {
      err.println(
          "usage: mesh-operator translate FILE   (an IstioOperator or Helm values; - for stdin)");
      return USAGE;
    }
    List<JsonNode> documents;
    try {
      documents =
          read(
              args.get(0).equals("-")
                  ? in.readAllBytes()
                  : Files.readAllBytes(Path.of(args.get(0))));
    } catch (NoSuchFileException e) {
      err.println("translate: no such file: " + args.get(0));
      return USAGE;
    } catch (IOException e) {
      err.println("translate: " + args.get(0) + " is not YAML: " + firstLine(e.getMessage()));
      return USAGE;
    }
    if (documents.size() > 1) {
      err.println(
          "translate: "
              + args.get(0)
              + " holds "
              + documents.size()
              + " YAML documents; translate one IstioOperator (or one values file) at a time");
      return USAGE;
    }
    JsonNode document = documents.isEmpty() ? null : documents.get(0);
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

  /** Every YAML document of {@code bytes}, empty ones left out. */
  private static List<JsonNode> read(byte[] bytes) throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> all = YAML.readerFor(JsonNode.class).readValues(bytes)) {
      while (all.hasNextValue()) {
        JsonNode document = all.nextValue();
        if (document != null && !document.isNull() && !document.isMissingNode()) {
          documents.add(document);
        }
      }
    }
    return documents;
  }

  private static String firstLine(String message) {
    return message == null ? "unreadable" : message.lines().findFirst().orElse(message);
  }
}
