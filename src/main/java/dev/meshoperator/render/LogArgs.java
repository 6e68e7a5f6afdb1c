package dev.meshoperator.render;

import java.util.ArrayList;
import java.util.List;

/** The logging flags every Istio Go program takes, as the charts pass them. */
final class LogArgs {

  private LogArgs() {}

  static List<String> of(String level, boolean asJson) {
    List<String> args = new ArrayList<>();
    args.add("--log_output_level=" + level);
    if (asJson) {
      args.add("--log_as_json");
    }
    return List.copyOf(args);
  }
}
