package dev.meshoperator.metrics;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A certificate and key made in memory when no certificate is mounted, as controller-runtime's
 * secure metrics do: the connection is encrypted, and scrapers that cannot verify it (Prometheus
 * with {@code insecureSkipVerify}) still authenticate with their token. ECDSA P-256, signed by
 * itself, naming the operator's Service and the loopback address.
 */
public record SelfSignedCertificate(String certificatePem, String privateKeyPem) {

  private static final String SHA256_WITH_ECDSA = "1.2.840.10045.4.3.2";
  private static final String COMMON_NAME = "2.5.4.3";
  private static final String SUBJECT_ALT_NAME = "2.5.29.17";
  private static final String BASIC_CONSTRAINTS = "2.5.29.19";
  private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

  /**
   * A certificate for {@code dnsNames} and {@code ipAddresses}, valid from now for {@code life}.
   */
  public static SelfSignedCertificate generate(
      String commonName, List<String> dnsNames, List<String> ipAddresses, Duration life) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = generator.generateKeyPair();
      byte[] algorithm = Der.sequence(Der.oid(SHA256_WITH_ECDSA));
      byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8(commonName))));
      // A minute back, for clocks a little behind the operator's.
      ZonedDateTime notBefore = ZonedDateTime.now().minusMinutes(1);
      byte[] tbs =
          Der.sequence(
              Der.explicit(0, Der.integer(BigInteger.TWO)),
              Der.integer(new BigInteger(127, new SecureRandom()).add(BigInteger.ONE)),
              algorithm,
              name,
              Der.sequence(Der.time(notBefore), Der.time(notBefore.plus(life))),
              name,
              keys.getPublic().getEncoded(),
              Der.explicit(3, Der.sequence(extensions(dnsNames, ipAddresses))));
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(keys.getPrivate());
      signer.update(tbs);
      byte[] certificate = Der.sequence(tbs, algorithm, Der.bitString(signer.sign()));
      return new SelfSignedCertificate(
          pem("CERTIFICATE", certificate), pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    } catch (GeneralSecurityException e) {
      // Every JDK has EC P-256 and SHA256withECDSA (JCA's required algorithms).
      throw new IllegalStateException("this JDK cannot make an ECDSA P-256 key", e);
    }
  }

  private static byte[] extensions(List<String> dnsNames, List<String> ipAddresses) {
    List<byte[]> names = new ArrayList<>();
    dnsNames.forEach(dns -> names.add(Der.implicit(2, dns.getBytes(StandardCharsets.US_ASCII))));
    for (String ip : ipAddresses) {
      names.add(Der.implicit(7, address(ip)));
    }
    return Der.concat(
        extension(SUBJECT_ALT_NAME, false, Der.sequence(names.toArray(byte[][]::new))),
        extension(BASIC_CONSTRAINTS, true, Der.sequence()),
        extension(EXTENDED_KEY_USAGE, false, Der.sequence(Der.oid(SERVER_AUTH))));
  }

  private static byte[] extension(String oid, boolean critical, byte[] value) {
    return critical
        ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
        : Der.sequence(Der.oid(oid), Der.octetString(value));
  }

  private static byte[] address(String literal) {
    try {
      // A literal address: no lookup happens.
      return InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + literal, e);
    }
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
