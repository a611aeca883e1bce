package io.rollwright.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** Reads who a TLS client certificate names: the common name (CN) of its subject. */
final class ClientCertificate {
  private ClientCertificate() {}

  /** The subject CN of the PEM certificate at {@code pem}; refuses a certificate without one. */
  static String commonName(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      X509Certificate cert =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return rdn.getValue().toString();
        }
      }
      throw new IllegalArgumentException(
          "the TLS client certificate " + pem.getFileName() + " names no CN to act as");
    } catch (IOException | CertificateException | InvalidNameException e) {
      throw new IllegalArgumentException(
          "cannot read the TLS client certificate " + pem.getFileName() + ": " + e.getMessage(), e);
    }
  }
}
