package dev.meshoperator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.testing.MetricsScraper;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JDK's own X.509 parser reads what {@link SelfSignedCertificate} writes. */
class SelfSignedCertificateTest {

  private final SelfSignedCertificate generated =
      SelfSignedCertificate.generate(
          "mesh-operator",
          List.of("mesh-operator", "mesh-operator.ops.svc"),
          List.of("127.0.0.1", "::1"),
          Duration.ofDays(365));
  private final X509Certificate certificate =
      MetricsScraper.certificate(generated.certificatePem());

  @Test
  void isAVersion3ServerCertificateSignedByItsOwnKey() throws Exception {
    certificate.verify(certificate.getPublicKey());
    assertThat(certificate.getVersion()).isEqualTo(3);
    assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=mesh-operator");
    assertThat(certificate.getIssuerX500Principal())
        .isEqualTo(certificate.getSubjectX500Principal());
    assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(certificate.getBasicConstraints()).as("not a CA").isEqualTo(-1);
    assertThat(certificate.getCriticalExtensionOIDs()).containsExactly("2.5.29.19");
    assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(certificate.getSerialNumber().signum()).isPositive();
  }

  @Test
  void namesTheServiceAndTheLoopbackAddresses() {
    assertThat(MetricsScraper.subjectAltNames(certificate))
        .containsExactly("mesh-operator", "mesh-operator.ops.svc", "127.0.0.1", "0:0:0:0:0:0:0:1");
  }

  @Test
  void isValidFromAMinuteAgoForItsLife() {
    Instant notBefore = certificate.getNotBefore().toInstant();
    assertThat(notBefore).isBetween(Instant.now().minusSeconds(90), Instant.now());
    assertThat(Duration.between(notBefore, certificate.getNotAfter().toInstant()))
        .isEqualTo(Duration.ofDays(365));
  }

  @Test
  void thePrivateKeyIsTheCertificatesPair() throws Exception {
    String body =
        generated
            .privateKeyPem()
            .replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    PrivateKey key =
        KeyFactory.getInstance("EC")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    byte[] message = "scrape".getBytes(StandardCharsets.UTF_8);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key);
    signer.update(message);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(certificate.getPublicKey());
    verifier.update(message);
    assertThat(verifier.verify(signature)).isTrue();
  }

  @Test
  void derLengthsAndObjectIdentifiersFollowX690() {
    assertThat(Der.tagged(0x04, new byte[200])).startsWith(0x04, 0x81, 200);
    assertThat(Der.tagged(0x04, new byte[300])).startsWith(0x04, 0x82, 0x01, 0x2c);
    // 1.2.840.10045.4.3.2: 840 and 10045 take two bytes each in base 128.
    assertThat(Der.oid("1.2.840.10045.4.3.2"))
        .containsExactly(0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02);
  }

  @Test
  void datesThrough2049AreUtcTimeAndLaterOnesGeneralizedTime() {
    assertThat(Der.time(java.time.ZonedDateTime.parse("2049-12-31T23:59:59Z")))
        .startsWith(0x17, 13);
    assertThat(Der.time(java.time.ZonedDateTime.parse("2050-01-01T00:00:00Z")))
        .startsWith(0x18, 15);
  }

  @Test
  void aBearerTokenIsReadFromTheAuthorizationHeader() {
    assertThat(MetricsAccess.bearerToken("Bearer abc.def")).isEqualTo("abc.def");
    assertThat(MetricsAccess.bearerToken("bearer  abc ")).isEqualTo("abc");
    assertThat(MetricsAccess.bearerToken("Basic dXNlcjpwYXNz")).isNull();
    assertThat(MetricsAccess.bearerToken("Bearer ")).isNull();
    assertThat(MetricsAccess.bearerToken(null)).isNull();
  }
}
