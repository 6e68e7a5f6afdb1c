package dev.meshoperator.istioapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * MeshConfig as one Istio release defines it, compiled from the {@code .proto} files of its
 * istio.io/api module. istiod reads its mesh config with protobuf's JSON mapping (Go's legacy
 * jsonpb) and throws the whole of it away on a wrong type, enum value or duration; this schema
 * checks each value with protobuf's own JSON parser, durations as Go's {@code time.ParseDuration}
 * reads them (as jsonpb does: {@code 1m} and {@code 500ms} too), and is stricter in one way: a
 * field the release does not know is a problem, where istiod would ignore it silently. A problem
 * names the path of the first wrong value.
 */
public final class MeshConfigSchema {

  private static final String MESH_CONFIG = "istio.mesh.v1alpha1.MeshConfig";
  private static final int SHOWN_VALUE = 60;

  /** What Go's time.ParseDuration takes: 0, or numbers each with a unit, e.g. 1h30m, 0.5s. */
  private static final Pattern GO_DURATION =
      Pattern.compile("[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)");

  private final Descriptor root;
  private final JsonFormat.Parser parser;

  private MeshConfigSchema(Descriptor root, JsonFormat.Parser parser) {
    this.root = root;
    this.parser = parser;
  }

  /** The schema in {@code descriptors} (protoc's output with its imports included). */
  static MeshConfigSchema of(FileDescriptorSet descriptors, String release) {
    Map<String, FileDescriptor> built = new HashMap<>();
    TypeRegistry.Builder types = TypeRegistry.newBuilder();
    Descriptor meshConfig = null;
    try {
      // protoc writes each file after the files it imports.
      for (FileDescriptorProto proto : descriptors.getFileList()) {
        FileDescriptor[] dependencies =
            proto.getDependencyList().stream().map(built::get).toArray(FileDescriptor[]::new);
        FileDescriptor file = FileDescriptor.buildFrom(proto, dependencies);
        built.put(proto.getName(), file);
        types.add(file.getMessageTypes());
        for (Descriptor message : file.getMessageTypes()) {
          if (message.getFullName().equals(MESH_CONFIG)) {
            meshConfig = message;
          }
        }
      }
    } catch (DescriptorValidationException e) {
      throw new IllegalStateException(
          "the MeshConfig of istio.io/api " + release + " is broken", e);
    }
    if (meshConfig == null) {
      throw new IllegalStateException("istio.io/api " + release + " defines no " + MESH_CONFIG);
    }
    return new MeshConfigSchema(meshConfig, JsonFormat.parser().usingTypeRegistry(types.build()));
  }

  /** The first problem of {@code meshConfig}, if it has one; null or missing has none. */
  public Optional<MeshConfigProblem> check(JsonNode meshConfig) {
    if (meshConfig == null || meshConfig.isNull() || meshConfig.isMissingNode()) {
      return Optional.empty();
    }
    if (!meshConfig.isObject()) {
      return Optional.of(new MeshConfigProblem("", "is not an object"));
    }
    return locate(meshConfig, root, "");
  }

  /** The first value of {@code object} (a {@code type}) that istiod would not take. */
  private Optional<MeshConfigProblem> locate(JsonNode object, Descriptor type, String path) {
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String name = entry.getKey();
      JsonNode value = entry.getValue();
      String at = path.isEmpty() ? name : path + "." + name;
      FieldDescriptor field = field(type, name);
      if (field == null) {
        return Optional.of(new MeshConfigProblem(at, unknownField(type, name)));
      }
      if (value.isNull()) {
        continue;
      }
      Optional<MeshConfigProblem> problem = locateIn(field, name, value, type, at);
      if (problem.isPresent()) {
        return problem;
      }
    }
    return oneofConflict(object, type).map(problem -> new MeshConfigProblem(path, problem));
  }

  private Optional<MeshConfigProblem> locateIn(
      FieldDescriptor field, String name, JsonNode value, Descriptor parent, String at) {
    if (field.isMapField()) {
      if (!value.isObject()) {
        return Optional.of(new MeshConfigProblem(at, shown(value) + " is not a map (an object)"));
      }
      FieldDescriptor valueField = field.getMessageType().findFieldByName("value");
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        String entryAt = at + "." + entry.getKey();
        Optional<MeshConfigProblem> problem =
            isStructured(valueField)
                ? nested(entry.getValue(), valueField.getMessageType(), entryAt)
                : leaf(
                    valueField,
                    entry.getValue(),
                    entryAt,
                    new Alone(parent, name, wrapped(entry.getKey(), entry.getValue())));
        if (problem.isPresent()) {
          return problem;
        }
      }
      return Optional.empty();
    }
    if (field.isRepeated()) {
      if (!value.isArray()) {
        return Optional.of(new MeshConfigProblem(at, shown(value) + " is not a list"));
      }
      for (int i = 0; i < value.size(); i++) {
        String elementAt = at + "[" + i + "]";
        JsonNode element = value.get(i);
        Optional<MeshConfigProblem> problem =
            isStructured(field)
                ? nested(element, field.getMessageType(), elementAt)
                : leaf(field, element, elementAt, new Alone(parent, name, "[" + element + "]"));
        if (problem.isPresent()) {
          return problem;
        }
      }
      return Optional.empty();
    }
    if (isStructured(field)) {
      return nested(value, field.getMessageType(), at);
    }
    return leaf(field, value, at, new Alone(parent, name, value.toString()));
  }

  private Optional<MeshConfigProblem> nested(JsonNode value, Descriptor type, String at) {
    if (value.isNull()) {
      return Optional.empty();
    }
    if (!value.isObject()) {
      return Optional.of(new MeshConfigProblem(at, shown(value) + " is not an object"));
    }
    return locate(value, type, at);
  }

  /**
   * A field with one value in it, as JSON of the message holding it: what protobuf's parser is
   * asked about one value, so that a problem is told apart from its neighbours'.
   *
   * @param parent the message
   * @param name the field's name, as written
   * @param json the field's value: the one value, or a list or map holding only it
   */
  private record Alone(Descriptor parent, String name, String json) {

    String message() {
      return "{" + TextNode.valueOf(name) + ":" + json + "}";
    }
  }

  /**
   * The problem of {@code value}, one value of {@code field}: Go's rules where they are stricter
   * than protobuf-java's (which would take "true" for a bool and 3 for a string) or read it
   * differently (durations such as 1m30s), protobuf's parser for the rest.
   */
  private Optional<MeshConfigProblem> leaf(
      FieldDescriptor field, JsonNode value, String at, Alone alone) {
    boolean valid =
        switch (goKind(field)) {
          case DURATION -> value.isTextual() && GO_DURATION.matcher(value.asText()).matches();
          case BOOL -> value.isBoolean();
          case STRING -> value.isTextual();
          case OTHER -> parses(alone.message(), alone.parent());
        };
    return valid
        ? Optional.empty()
        : Optional.of(new MeshConfigProblem(at, shown(value) + " " + expected(field)));
  }

  private boolean parses(String json, Descriptor type) {
    try {
      parser.merge(json, DynamicMessage.newBuilder(type));
      return true;
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      return false;
    }
  }

  private static Optional<String> oneofConflict(JsonNode object, Descriptor type) {
    for (OneofDescriptor oneof : type.getRealOneofs()) {
      List<String> set = new ArrayList<>();
      for (FieldDescriptor member : oneof.getFields()) {
        JsonNode value =
            object.has(member.getJsonName())
                ? object.get(member.getJsonName())
                : object.get(member.getName());
        if (value != null && !value.isNull()) {
          set.add(member.getJsonName());
        }
      }
      if (set.size() > 1) {
        return Optional.of(
            "sets " + String.join(" and ", set) + "; at most one of them may be set");
      }
    }
    return Optional.empty();
  }

  /** The kinds of value Go's parser holds to rules of its own. */
  private enum GoKind {
    DURATION,
    BOOL,
    STRING,
    OTHER
  }

  private static GoKind goKind(FieldDescriptor field) {
    if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
      return switch (field.getMessageType().getFullName()) {
        case "google.protobuf.Duration" -> GoKind.DURATION;
        case "google.protobuf.BoolValue" -> GoKind.BOOL;
        case "google.protobuf.StringValue" -> GoKind.STRING;
        default -> GoKind.OTHER;
      };
    }
    return switch (field.getJavaType()) {
      case BOOLEAN -> GoKind.BOOL;
      case STRING -> GoKind.STRING;
      default -> GoKind.OTHER;
    };
  }

  /** Messages walked field by field; protobuf's well-known types have JSON forms of their own. */
  private static boolean isStructured(FieldDescriptor field) {
    return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
        && !field.getMessageType().getFullName().startsWith("google.protobuf.");
  }

  /** The field {@code name} names, by its JSON name or its proto name as protobuf's JSON allows. */
  private static FieldDescriptor field(Descriptor type, String name) {
    for (FieldDescriptor field : type.getFields()) {
      if (field.getJsonName().equals(name) || field.getName().equals(name)) {
        return field;
      }
    }
    return null;
  }

  private static String unknownField(Descriptor type, String name) {
    String known = "unknown field; " + type.getName() + " of this Istio release has no such field";
    return closest(type, name).map(s -> known + " (did you mean " + s + "?)").orElse(known);
  }

  private static Optional<String> closest(Descriptor type, String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Math.max(2, wanted.length() / 5) + 1;
    for (FieldDescriptor field : type.getFields()) {
      int distance = distance(wanted, field.getJsonName().toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = field.getJsonName();
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** What a value of {@code field} must be, in words. */
  private static String expected(FieldDescriptor field) {
    return switch (field.getJavaType()) {
      case BOOLEAN -> "is not true or false";
      case INT, LONG -> "is not a whole number in the field's range";
      case FLOAT, DOUBLE -> "is not a number";
      case STRING -> "is not a string";
      case BYTE_STRING -> "is not base64-encoded bytes";
      case ENUM ->
          "is not one of "
              + field.getEnumType().getValues().stream()
                  .map(EnumValueDescriptor::getName)
                  .collect(Collectors.joining(", "));
      case MESSAGE -> expectedMessage(field.getMessageType());
    };
  }

  private static String expectedMessage(Descriptor type) {
    return switch (type.getFullName()) {
      case "google.protobuf.Duration" ->
          "is not a duration: numbers each with a unit of h, m, s, ms, us or ns, such as 10s or 1m30s";
      case "google.protobuf.Timestamp" -> "is not an RFC 3339 time";
      case "google.protobuf.BoolValue" -> "is not true or false";
      case "google.protobuf.Int32Value",
          "google.protobuf.UInt32Value",
          "google.protobuf.Int64Value",
          "google.protobuf.UInt64Value" ->
          "is not a whole number in the field's range";
      case "google.protobuf.DoubleValue", "google.protobuf.FloatValue" -> "is not a number";
      case "google.protobuf.StringValue" -> "is not a string";
      case "google.protobuf.Struct" -> "is not an object";
      case "google.protobuf.ListValue" -> "is not a list";
      default -> "is not a valid " + type.getName();
    };
  }

  private static String wrapped(String key, JsonNode value) {
    return "{" + TextNode.valueOf(key) + ":" + value + "}";
  }

  private static String shown(JsonNode value) {
    String text = value.toString();
    return text.length() <= SHOWN_VALUE ? text : text.substring(0, SHOWN_VALUE) + "...";
  }
}
