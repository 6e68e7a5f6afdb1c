package dev.meshoperator.istioapi;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Istio's API as one istio.io/api release publishes it, packaged into the operator by the build
 * (hack/istio-api/package.sh): its CRDs, schemas and all, and the schema of MeshConfig. Read from
 * the classpath the first time they are asked for, then kept: they never change at run time.
 */
public final class PublishedApi {

  private static final String RESOURCES = "/istio-api/";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final String release;
  private List<CustomResourceDefinition> crds;
  private MeshConfigSchema meshConfig;

  PublishedApi(String release) {
    this.release = Objects.requireNonNull(release);
  }

  /** The istio.io/api release, e.g. 1.31.4. */
  public String release() {
    return release;
  }

  /** The names of its CRDs, in upstream's order. */
  public List<String> crdNames() {
    return loadedCrds().stream().map(crd -> crd.getMetadata().getName()).toList();
  }

  /**
   * Its CRDs as upstream publishes them, each with metadata of its own to label; the specs are
   * shared between calls and must be read, never changed.
   */
  public List<CustomResourceDefinition> crds() {
    List<CustomResourceDefinition> copies = new ArrayList<>();
    for (CustomResourceDefinition published : loadedCrds()) {
      CustomResourceDefinition copy = new CustomResourceDefinition();
      copy.setApiVersion(published.getApiVersion());
      copy.setKind(published.getKind());
      ObjectMeta meta = new ObjectMetaBuilder(published.getMetadata()).build();
      copy.setMetadata(meta);
      copy.setSpec(published.getSpec());
      copies.add(copy);
    }
    return copies;
  }

  /** MeshConfig as this release defines it. */
  public synchronized MeshConfigSchema meshConfig() {
    if (meshConfig == null) {
      try (InputStream in = open("mesh-config.pb")) {
        meshConfig = MeshConfigSchema.of(FileDescriptorSet.parseFrom(in), release);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return meshConfig;
  }

  private synchronized List<CustomResourceDefinition> loadedCrds() {
    if (crds == null) {
      crds = readCrds();
    }
    return crds;
  }

  private List<CustomResourceDefinition> readCrds() {
    try (InputStream in = open("crds.yaml");
        MappingIterator<CustomResourceDefinition> documents =
            YAML.readerFor(CustomResourceDefinition.class).readValues(in)) {
      List<CustomResourceDefinition> all = new ArrayList<>();
      while (documents.hasNext()) {
        CustomResourceDefinition crd = documents.next();
        if (crd != null) {
          all.add(crd);
        }
      }
      return List.copyOf(all);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CRDs of istio.io/api " + release, e);
    }
  }

  private InputStream open(String file) throws IOException {
    String path = RESOURCES + release + "/" + file;
    InputStream in = PublishedApi.class.getResourceAsStream(path);
    if (in == null) {
      throw new IOException(
          path + " is not packaged: the build packages it (hack/istio-api/package.sh)");
    }
    return in;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PublishedApi api && api.release.equals(release);
  }

  @Override
  public int hashCode() {
    return release.hashCode();
  }

  @Override
  public String toString() {
    return "istio.io/api " + release;
  }
}
