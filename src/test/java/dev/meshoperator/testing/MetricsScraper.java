package dev.meshoperator.testing;

import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A Prometheus stand-in for the operator's HTTPS metrics: a ServiceAccount bound (or not) to the
 * generated {@code mesh-operator-metrics-reader} ClusterRole, its token, and a scrape that either
 * accepts any certificate and keeps the one presented (as {@code insecureSkipVerify} does) or
 * trusts exactly one.
 */
public final class MetricsScraper {

  public static final String READER_ROLE = "mesh-operator-metrics-reader";

  /** A scrape's answer and the certificate the server presented. */
  public record Scrape(int status, String body, X509Certificate certificate) {}

  private MetricsScraper() {}

  /**
   * The token of a new ServiceAccount {@code name}, bound to the reader role when {@code bound}.
   */
  public static String token(KubernetesClient admin, String namespace, String name, boolean bound) {
    admin
        .serviceAccounts()
        .inNamespace(namespace)
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .build())
        .serverSideApply();
    if (bound) {
      admin
          .rbac()
          .clusterRoleBindings()
          .resource(
              new ClusterRoleBindingBuilder()
                  .withNewMetadata()
                  .withName(name + "-" + namespace)
                  .endMetadata()
                  .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", READER_ROLE)
                  .addNewSubject()
                  .withKind("ServiceAccount")
                  .withName(name)
                  .withNamespace(namespace)
                  .endSubject()
                  .build())
          .serverSideApply();
    }
    return PackagedOperator.token(admin, namespace, name);
  }

  /** GET https://127.0.0.1:{port}/metrics with {@code token} (none when null), any certificate. */
  public static Scrape scrape(int port, String token) throws IOException, InterruptedException {
    return scrape(port, "/metrics", token, null);
  }

  /** The same at {@code path}, trusting only {@code trusted} when it is not null. */
  public static Scrape scrape(int port, String path, String token, X509Certificate trusted)
      throws IOException, InterruptedException {
    AtomicReference<X509Certificate> presented = new AtomicReference<>();
    HttpClient client = HttpClient.newBuilder().sslContext(context(trusted, presented)).build();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Scrape(response.statusCode(), response.body(), presented.get());
  }

  /** A certificate from PEM text. */
  public static X509Certificate certificate(String pem) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new java.io.ByteArrayInputStream(
                      pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static SSLContext context(
      X509Certificate trusted, AtomicReference<X509Certificate> presented) {
    try {
      X509ExtendedTrustManager verifier = null;
      if (trusted != null) {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("trusted", trusted);
        TrustManagerFactory factory =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        verifier = (X509ExtendedTrustManager) factory.getTrustManagers()[0];
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new javax.net.ssl.TrustManager[] {new Keeping(verifier, presented)}, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Keeps the server's certificate, and checks it only when a verifier is given. */
  private static final class Keeping extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager verifier;
    private final AtomicReference<X509Certificate> presented;

    Keeping(X509ExtendedTrustManager verifier, AtomicReference<X509Certificate> presented) {
      this.verifier = verifier;
      this.presented = presented;
    }

    /** A check of the verifier's, which may refuse the chain. */
    private interface Check {
      void run(X509ExtendedTrustManager verifier) throws java.security.cert.CertificateException;
    }

    private void keep(X509Certificate[] chain, Check check)
        throws java.security.cert.CertificateException {
      presented.set(chain[0]);
      if (verifier != null) {
        check.run(verifier);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String auth, SSLEngine engine)
        throws java.security.cert.CertificateException {
      keep(chain, v -> v.checkServerTrusted(chain, auth, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String auth, Socket socket)
        throws java.security.cert.CertificateException {
      keep(chain, v -> v.checkServerTrusted(chain, auth, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String auth)
        throws java.security.cert.CertificateException {
      keep(chain, v -> v.checkServerTrusted(chain, auth));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String auth, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String auth, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String auth) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /** The DNS names and IP addresses a certificate names. */
  public static List<String> subjectAltNames(X509Certificate certificate) {
    try {
      return certificate.getSubjectAlternativeNames().stream()
          .map(entry -> String.valueOf(entry.get(1)))
          .toList();
    } catch (java.security.cert.CertificateParsingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
