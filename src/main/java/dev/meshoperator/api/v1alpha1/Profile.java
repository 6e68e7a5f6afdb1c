package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** Istio's installation profiles; stable across releases, so they may live in the schema. */
public enum Profile {
  @JsonProperty("default")
  DEFAULT,
  @JsonProperty("minimal")
  MINIMAL,
  @JsonProperty("demo")
  DEMO,
  @JsonProperty("ambient")
  AMBIENT,
  @JsonProperty("empty")
  EMPTY;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
