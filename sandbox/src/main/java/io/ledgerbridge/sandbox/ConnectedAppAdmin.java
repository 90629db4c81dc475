package io.ledgerbridge.sandbox;

import io.ledgerbridge.sandbox.http.Response;
import io.ledgerbridge.sandbox.salesforce.SalesforceSimulator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The admin call that uploads the demo connected app's certificate for the JWT bearer flow, as an admin does in
 * Salesforce Setup ("Use digital signatures"): {@code PUT /__sandbox/jwt-certificate} with a PEM X.509 certificate
 * or a PEM public key ({@code -----BEGIN PUBLIC KEY-----}).
 */
final class ConnectedAppAdmin {
  private static final String PUBLIC_KEY_BEGIN = "-----BEGIN PUBLIC KEY-----";
  private static final String PUBLIC_KEY_END = "-----END PUBLIC KEY-----";

  private ConnectedAppAdmin() {}

  static void register(AdminEndpoints admin, SalesforceSimulator salesforce) {
    admin.register("PUT", "jwt-certificate", request -> {
      salesforce.useJwtCertificateKey(publicKey(new String(request.body(), StandardCharsets.US_ASCII)));
      return Response.empty(204);
    });
  }

  private static PublicKey publicKey(String pem) {
    try {
      if (pem.contains("-----BEGIN CERTIFICATE-----")) {
        return CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).getPublicKey();
      }
      int begin = pem.indexOf(PUBLIC_KEY_BEGIN);
      int end = pem.indexOf(PUBLIC_KEY_END);
      if (begin < 0 || end < begin) {
        throw new IllegalArgumentException("send a PEM X.509 certificate (-----BEGIN CERTIFICATE-----) or public key"
            + " (-----BEGIN PUBLIC KEY-----)");
      }
      byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + PUBLIC_KEY_BEGIN.length(), end));
      return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException notRsa) {
      throw new IllegalArgumentException("not an RSA certificate or public key: " + notRsa.getMessage());
    }
  }
}
