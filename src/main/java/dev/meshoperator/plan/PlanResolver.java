package dev.meshoperator.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshoperator.api.v1alpha1.CniAmbientSpec;
import dev.meshoperator.api.v1alpha1.CniSpec;
import dev.meshoperator.api.v1alpha1.ComponentsSpec;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.MeshInstallationSpec;
import dev.meshoperator.api.v1alpha1.PilotSpec;
import dev.meshoperator.api.v1alpha1.Platform;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.api.v1alpha1.ToggleSpec;
import dev.meshoperator.api.v1alpha1.UpdateStrategy;
import dev.meshoperator.api.v1alpha1.WorkloadSpec;
import dev.meshoperator.catalog.CompatibilityFlags;
import dev.meshoperator.catalog.ImageReference;
import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.catalog.IstioRelease;
import dev.meshoperator.catalog.MinorVersion;
import dev.meshoperator.catalog.RelatedImages;
import dev.meshoperator.plan.InvalidSpecException.Reason;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns what the user asked for into one {@link MeshPlan}: aliases resolved, the profile applied,
 * compatibility flags added, user settings on top. Pure: it reads the catalog and nothing else.
 */
public final class PlanResolver {

  static final String DEFAULT_NAMESPACE = "istio-system";

  private final IstioCatalog catalog;
  private final RelatedImages images;

  public PlanResolver(IstioCatalog catalog) {
    this(catalog, RelatedImages.none());
  }

  /** With the mirror overrides of the catalog's images ({@code RELATED_IMAGE_*}). */
  public PlanResolver(IstioCatalog catalog, RelatedImages images) {
    this.catalog = catalog;
    this.images = images;
  }

  /** The plan of an InPlace installation, or of a RevisionBased one's spec version. */
  public MeshPlan resolve(MeshInstallation mesh) {
    return resolve(mesh, null, MeshPlan.DEFAULT_REVISION);
  }

  /**
   * The plan of one revision of a RevisionBased installation: the spec, at {@code version}, named
   * {@code revision}. A compatibilityVersion the older release cannot honour is left out for it.
   */
  public MeshPlan resolveRevision(MeshInstallation mesh, String version, String revision) {
    return resolve(mesh, version, revision);
  }

  /** The catalog release a version or alias names, if any. */
  public Optional<String> resolveVersion(String requested) {
    return catalog.resolve(requested).map(IstioRelease::version);
  }

  /** Whether the installation runs each version as its own revision. */
  public static boolean isRevisionBased(MeshInstallation mesh) {
    return mesh.getSpec() != null
        && mesh.getSpec().getUpdateStrategy() != null
        && mesh.getSpec().getUpdateStrategy().getType() == UpdateStrategy.Type.REVISION_BASED;
  }

  private MeshPlan resolve(MeshInstallation mesh, String versionOverride, String revision) {
    MeshInstallationSpec spec =
        Objects.requireNonNullElseGet(mesh.getSpec(), MeshInstallationSpec::new);
    IstioRelease release =
        release(versionOverride == null ? RequestedVersion.of(mesh).value() : versionOverride);
    if (versionOverride == null) {
      // Older revisions still running keep the config they started with: istiod ignores the
      // fields its release does not know.
      checkMeshConfig(spec.getMeshConfig(), release);
    }
    Optional<MinorVersion> compatibility;
    try {
      compatibility = compatibilityVersion(spec, release);
    } catch (InvalidSpecException tooNew) {
      if (versionOverride == null) {
        throw tooNew;
      }
      compatibility = Optional.empty();
    }
    CompatibilityFlags flags =
        compatibility
            .map(c -> catalog.compatibilityFlags(release, c))
            .orElse(CompatibilityFlags.NONE);
    Profile profile = Objects.requireNonNullElse(spec.getProfile(), Profile.DEFAULT);
    ProfileDefaults defaults = ProfileDefaults.of(profile);
    ComponentsSpec components =
        Objects.requireNonNullElseGet(spec.getComponents(), ComponentsSpec::new);
    String namespace = Objects.requireNonNullElse(spec.getNamespace(), DEFAULT_NAMESPACE);

    boolean base = enabled(components.getBase(), defaults.base());
    // One registry for everything, unless a component names its own.
    String hub = Objects.requireNonNullElse(spec.getHub(), catalog.hub());
    Optional<IstiodPlan> istiod =
        enabled(components.getPilot(), defaults.pilot())
            ? Optional.of(istiod(release, defaults, flags, components.getPilot(), hub))
            : Optional.empty();
    PlatformPreset platform =
        PlatformPreset.of(Objects.requireNonNullElse(spec.getPlatform(), Platform.DEFAULT));
    // OpenShift refuses istio-init's NET_ADMIN to workloads: sidecars need istio-cni there, which
    // upstream's openshift profiles therefore turn on whatever the profile.
    Optional<NodeAgentPlan> cni =
        enabled(components.getCni(), defaults.cni() || platform.openshift())
            ? Optional.of(cni(release, defaults, flags, components.getCni(), hub))
            : Optional.empty();
    if (cni.isEmpty() && components.getCni() != null && components.getCni().getAmbient() != null) {
      throw new InvalidSpecException(
          InvalidSpecException.Reason.InvalidSpec,
          "spec.components.cni.ambient: istio-cni is not enabled, so nothing redirects ambient"
              + " pods; enable it or remove spec.components.cni.ambient");
    }
    ObjectNode meshConfig =
        ValuesInMeshConfig.apply(
            meshConfig(defaults, namespace, revision, spec.getMeshConfig()), spec.getValues());
    Optional<NodeAgentPlan> ztunnel =
        enabled(components.getZtunnel(), defaults.ztunnel())
            ? Optional.of(ztunnel(release, defaults, meshConfig, components.getZtunnel(), hub))
            : Optional.empty();
    List<GatewayPlan> gateways =
        GatewayPlans.resolve(
            hub, images, release, defaults, namespace, meshConfig, components.getGateways());
    return new MeshPlan(
        mesh.getMetadata().getName(),
        namespace,
        release,
        hub,
        profile,
        revision,
        compatibility,
        base,
        istiod,
        cni,
        ztunnel,
        meshConfig,
        gateways,
        platform,
        List.copyOf(Objects.requireNonNullElse(spec.getImagePullSecrets(), List.<String>of())),
        images.override(ImageReference.of(hub, "proxyv2", release.version(), variant(defaults))),
        MeshValues.of(spec.getValues(), release));
  }

  private static String variant(ProfileDefaults defaults) {
    return defaults.variant().isEmpty() ? "" : "-" + defaults.variant();
  }

  private IstioRelease release(String requested) {
    return catalog
        .resolve(requested)
        .orElseThrow(
            () ->
                new InvalidSpecException(
                    Reason.InvalidSpec,
                    "version "
                        + requested
                        + " is not in this operator's catalog; known releases: "
                        + catalog.releases().stream()
                            .map(IstioRelease::version)
                            .collect(Collectors.joining(", "))));
  }

  /**
   * Refuses a mesh config istiod of {@code release} would throw away (and start without) or ignore
   * part of, naming the path of the first wrong value.
   */
  private static void checkMeshConfig(JsonNode meshConfig, IstioRelease release) {
    release
        .api()
        .meshConfig()
        .check(meshConfig)
        .ifPresent(
            problem -> {
              throw new InvalidSpecException(
                  Reason.InvalidSpec,
                  problem.under("spec.meshConfig")
                      + " (MeshConfig of Istio "
                      + release.version()
                      + ", as istio.io/api "
                      + release.api().release()
                      + " defines it)");
            });
  }

  private static Optional<MinorVersion> compatibilityVersion(
      MeshInstallationSpec spec, IstioRelease release) {
    if (spec.getCompatibilityVersion() == null) {
      return Optional.empty();
    }
    MinorVersion requested;
    try {
      requested = MinorVersion.of(spec.getCompatibilityVersion());
    } catch (IllegalArgumentException notAVersion) {
      throw new InvalidSpecException(
          Reason.InvalidSpec,
          "compatibilityVersion " + spec.getCompatibilityVersion() + " is not a version line");
    }
    if (requested.isAfter(release.line())) {
      throw new InvalidSpecException(
          Reason.InvalidSpec,
          "compatibilityVersion " + requested + " is newer than version " + release.version());
    }
    if (requested.isBefore(release.oldestCompatibilityVersion())) {
      throw new InvalidSpecException(
          Reason.InvalidSpec,
          "compatibilityVersion "
              + requested
              + " is older than Istio "
              + release.line()
              + " supports; the oldest is "
              + release.oldestCompatibilityVersion());
    }
    return Optional.of(requested);
  }

  private IstiodPlan istiod(
      IstioRelease release,
      ProfileDefaults defaults,
      CompatibilityFlags flags,
      PilotSpec user,
      String defaultHub) {
    PilotSpec pilot = Objects.requireNonNullElseGet(user, PilotSpec::new);
    String hub = Objects.requireNonNullElse(pilot.getHub(), defaultHub);
    String tag = Objects.requireNonNullElse(pilot.getTag(), release.version());
    String variant = defaults.variant().isEmpty() ? "" : "-" + defaults.variant();

    Scaling scaling = Scaling.of(defaults.autoscale(), 1, pilot);
    Map<String, String> env = new TreeMap<>(defaults.pilotEnv());
    env.putAll(flags.pilotEnv());
    env.putAll(Objects.requireNonNullElse(pilot.getEnv(), Map.of()));
    return new IstiodPlan(
        images.resolve(ImageReference.of(hub, "pilot", tag, variant)),
        scaling.replicas(),
        scaling.autoscale(),
        Objects.requireNonNullElse(pilot.getResources(), defaults.pilotResources()),
        Collections.unmodifiableMap(env),
        Collections.unmodifiableMap(
            new TreeMap<>(Objects.requireNonNullElse(pilot.getNodeSelector(), Map.of()))),
        List.copyOf(Objects.requireNonNullElse(pilot.getTolerations(), List.of())),
        defaults.traceSampling(),
        PodPlacement.of(pilot),
        DisruptionBudget.of(pilot.getPodDisruptionBudget(), scaling),
        List.copyOf(Objects.requireNonNullElse(pilot.getVolumes(), List.of())),
        List.copyOf(Objects.requireNonNullElse(pilot.getVolumeMounts(), List.of())));
  }

  private NodeAgentPlan cni(
      IstioRelease release,
      ProfileDefaults defaults,
      CompatibilityFlags flags,
      CniSpec user,
      String hub) {
    CniSpec cni = Objects.requireNonNullElseGet(user, CniSpec::new);
    Map<String, String> settings = new TreeMap<>();
    // The agent's version, not its image: a digest says nothing about it.
    settings.put(
        "CURRENT_AGENT_VERSION",
        cni.getTag() == null || ImageReference.isDigest(cni.getTag())
            ? release.version()
            : cni.getTag());
    settings.put("AMBIENT_ENABLED", Boolean.toString(defaults.ztunnel()));
    CniAmbientSpec ambient = cni.getAmbient();
    if (ambient != null && !defaults.ztunnel()) {
      throw new InvalidSpecException(
          InvalidSpecException.Reason.InvalidSpec,
          "spec.components.cni.ambient: istio-cni redirects ambient pods only in the ambient data"
              + " plane; use profile ambient, or remove spec.components.cni.ambient");
    }
    settings.put(
        "AMBIENT_DNS_CAPTURE",
        Boolean.toString(ambient == null || !Boolean.FALSE.equals(ambient.getDnsCapture())));
    settings.put(
        "AMBIENT_IPV6",
        Boolean.toString(ambient == null || !Boolean.FALSE.equals(ambient.getIpv6())));
    settings.put(
        "AMBIENT_RECONCILE_POD_RULES_ON_STARTUP",
        flags.cni().getOrDefault("reconcileIptablesOnStartup", "true"));
    return agent(
        release,
        defaults,
        cni,
        "install-cni",
        defaults.cniResources(),
        settings,
        Map.of(),
        "true".equals(flags.ambient().get("shareHostNetworkNamespace")),
        hub);
  }

  private NodeAgentPlan ztunnel(
      IstioRelease release,
      ProfileDefaults defaults,
      ObjectNode meshConfig,
      WorkloadSpec user,
      String hub) {
    // ztunnel takes the proxy metadata of the mesh config as its environment, as upstream's chart
    // does.
    Map<String, String> proxyMetadata = new TreeMap<>();
    meshConfig
        .path("defaultConfig")
        .path("proxyMetadata")
        .fields()
        .forEachRemaining(e -> proxyMetadata.put(e.getKey(), e.getValue().asText()));
    return agent(
        release,
        defaults,
        Objects.requireNonNullElseGet(user, WorkloadSpec::new),
        "ztunnel",
        defaults.ztunnelResources(),
        Map.of(),
        proxyMetadata,
        false,
        hub);
  }

  private NodeAgentPlan agent(
      IstioRelease release,
      ProfileDefaults defaults,
      WorkloadSpec user,
      String image,
      ResourceRequirements defaultResources,
      Map<String, String> settings,
      Map<String, String> baseEnv,
      boolean hostNetwork,
      String defaultHub) {
    String hub = Objects.requireNonNullElse(user.getHub(), defaultHub);
    String tag = Objects.requireNonNullElse(user.getTag(), release.version());
    String variant = defaults.variant().isEmpty() ? "" : "-" + defaults.variant();
    Map<String, String> env = new TreeMap<>(baseEnv);
    env.putAll(Objects.requireNonNullElse(user.getEnv(), Map.of()));
    return new NodeAgentPlan(
        images.resolve(ImageReference.of(hub, image, tag, variant)),
        Objects.requireNonNullElse(user.getResources(), defaultResources),
        Collections.unmodifiableMap(new TreeMap<>(settings)),
        Collections.unmodifiableMap(env),
        Collections.unmodifiableMap(
            new TreeMap<>(Objects.requireNonNullElse(user.getNodeSelector(), Map.of()))),
        List.copyOf(Objects.requireNonNullElse(user.getTolerations(), List.of())),
        hostNetwork,
        PodPlacement.of(user));
  }

  private static ObjectNode meshConfig(
      ProfileDefaults defaults, String namespace, String revision, JsonNode user) {
    ObjectNode mesh = defaults.meshConfig().deepCopy();
    mesh.put("rootNamespace", namespace);
    ObjectNode proxy =
        mesh.has("defaultConfig")
            ? (ObjectNode) mesh.get("defaultConfig")
            : mesh.putObject("defaultConfig");
    proxy.put("discoveryAddress", MeshPlan.istiodName(revision) + "." + namespace + ".svc:15012");
    if (!defaults.variant().isEmpty()) {
      proxy.putObject("image").put("imageType", defaults.variant());
    }
    return JsonMerge.merge(mesh, user);
  }

  static boolean enabled(ToggleSpec toggle, boolean profileDefault) {
    return toggle == null || toggle.getEnabled() == null ? profileDefault : toggle.getEnabled();
  }
}
