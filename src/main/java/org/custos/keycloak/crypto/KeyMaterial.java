package org.custos.keycloak.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * SSH key pairs and X.509 certificates, made with the JDK and BouncyCastle as Keycloak ships them: RSA 2048, an
 * OpenSSH {@code ssh-rsa} public key and a passphrase-encrypted PEM private key (as Custos made them); self-signed
 * certificates with a PKCS#8 PEM private key.
 */
public final class KeyMaterial {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** BouncyCastle's provider object (Keycloak's jar), used directly rather than looked up by name. */
    private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private KeyMaterial() {}

    public record SshKeyPair(String publicKey, String privateKey, String passphrase) {
        @Override
        public String toString() {
            return "SshKeyPair[" + publicKey.substring(0, Math.min(20, publicKey.length())) + "…]";
        }
    }

    public record Certificate(String certificatePem, String privateKeyPem) {
        @Override
        public String toString() {
            return "Certificate[…]";
        }
    }

    public static String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static SshKeyPair generateSsh(String passphrase, String comment) {
        KeyPair pair = rsa();
        String pass = passphrase == null || passphrase.isEmpty() ? randomToken(18) : passphrase;
        try {
            AsymmetricKeyParameter publicKey =
                    PublicKeyFactory.createKey(pair.getPublic().getEncoded());
            String ssh =
                    "ssh-rsa " + Base64.getEncoder().encodeToString(OpenSSHPublicKeyUtil.encodePublicKey(publicKey))
                            + (comment == null || comment.isBlank() ? "" : " " + comment.replaceAll("\\s", "_"));
            StringWriter pem = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
                writer.writeObject(
                        pair.getPrivate(),
                        new JcePEMEncryptorBuilder("AES-128-CBC")
                                .setProvider(BC)
                                .setSecureRandom(RANDOM)
                                .build(pass.toCharArray()));
            }
            return new SshKeyPair(ssh, pem.toString(), pass);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Certificate generateCertificate(String commonName, Duration validity) {
        KeyPair pair = rsa();
        try {
            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=" + commonName.replaceAll("[,=+<>#;\"\\\\]", "_"));
            var builder = new JcaX509v3CertificateBuilder(
                    subject,
                    new BigInteger(64, RANDOM),
                    Date.from(now.minusSeconds(60)),
                    Date.from(now.plus(validity)),
                    subject,
                    pair.getPublic());
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            return new Certificate(pem(cert), pem(new JcaPKCS8Generator(pair.getPrivate(), null).generate()));
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException | IOException e) {
            throw new IllegalStateException("certificate generation failed", e);
        }
    }

    /** Parses a PEM certificate; null if it is not one. */
    public static X509Certificate parseCertificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    private static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
