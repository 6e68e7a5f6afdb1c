package dev.meshoperator.render;

/** Labels this operator puts on everything it renders, to find, watch and prune its objects. */
public final class OperatorLabels {
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY_VALUE = "mesh-operator";
  public static final String INSTALLATION = "mesh.operator.dev/installation";
  public static final String COMPONENT = "mesh.operator.dev/component";

  /** Selector of every object this operator manages. */
  public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + MANAGED_BY_VALUE;

  private OperatorLabels() {}
}
