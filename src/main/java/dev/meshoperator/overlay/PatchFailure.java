package dev.meshoperator.overlay;

import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * Why a patch did not apply, in words: the patch library's message without its operation prefix, or
 * a plain sentence where it has none worth reading.
 */
final class PatchFailure {

  private PatchFailure() {}

  /** Where in the object a value could not be read, as a JSON pointer: /spec/replicas. */
  static String pointer(JsonMappingException unreadable) {
    StringBuilder pointer = new StringBuilder();
    for (JsonMappingException.Reference step : unreadable.getPath()) {
      pointer
          .append('/')
          .append(step.getFieldName() != null ? step.getFieldName() : step.getIndex());
    }
    return pointer.length() == 0 ? "/" : pointer.toString();
  }

  static String reason(Exception failed) {
    String message = failed.getMessage();
    if (message == null || message.isBlank() || message.contains("Exception")) {
      return "a path does not exist or a test does not hold";
    }
    // "[ADD Operation] Missing field "x" at /spec" reads as "missing field "x" at /spec".
    String plain = message.replaceFirst("^\\[[A-Z]+ Operation\\]\\s*", "").strip();
    int line = plain.indexOf('\n');
    if (line > 0) {
      plain = plain.substring(0, line);
    }
    return plain.isEmpty()
        ? "a path does not exist or a test does not hold"
        : Character.toLowerCase(plain.charAt(0)) + plain.substring(1);
  }
}
