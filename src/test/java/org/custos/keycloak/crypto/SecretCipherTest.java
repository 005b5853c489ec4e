package org.custos.keycloak.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {

    private static String key(int fill) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) fill);
        return Base64.getEncoder().encodeToString(k);
    }

    private static final byte[] SECRET = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);

    @Test
    void sealsWithAFreshNonceAndOpensWithTheSameBinding() {
        SecretCipher cipher = new SecretCipher(new KeyRing(null, "k1:" + key(1), null));
        byte[] aad = SecretCipher.associatedData("realm", "row-1", "PASSWORD");
        SecretCipher.Sealed a = cipher.seal(SECRET, aad);
        SecretCipher.Sealed b = cipher.seal(SECRET, aad);
        assertEquals("k1", a.keyId());
        assertNotEquals(a.ciphertext(), b.ciphertext(), "a fresh data key and nonce per write");
        assertFalse(
                new String(Base64.getDecoder().decode(a.ciphertext()), StandardCharsets.ISO_8859_1).contains("horse"));
        assertArrayEquals(SECRET, cipher.open(a, aad));
    }

    @Test
    void aCiphertextMovedToAnotherRowTypeOrRealmFailsToOpen() {
        SecretCipher cipher = new SecretCipher(new KeyRing(null, "k1:" + key(1), null));
        SecretCipher.Sealed sealed = cipher.seal(SECRET, SecretCipher.associatedData("realm", "row-1", "PASSWORD"));
        for (byte[] other : new byte[][] {
            SecretCipher.associatedData("realm", "row-2", "PASSWORD"),
            SecretCipher.associatedData("realm", "row-1", "KV"),
            SecretCipher.associatedData("other-realm", "row-1", "PASSWORD")
        }) {
            assertThrows(SecretCipher.SealException.class, () -> cipher.open(sealed, other));
        }
    }

    @Test
    void aTamperedCiphertextFailsToOpen() {
        SecretCipher cipher = new SecretCipher(new KeyRing(null, "k1:" + key(1), null));
        byte[] aad = SecretCipher.associatedData("r", "s", "KV");
        SecretCipher.Sealed sealed = cipher.seal(SECRET, aad);
        byte[] raw = Base64.getDecoder().decode(sealed.ciphertext());
        raw[raw.length - 1] ^= 1;
        SecretCipher.Sealed tampered = new SecretCipher.Sealed(
                sealed.keyId(), sealed.wrappedKey(), Base64.getEncoder().encodeToString(raw));
        assertThrows(SecretCipher.SealException.class, () -> cipher.open(tampered, aad));
    }

    @Test
    void rotationThroughTheKeyFileKeepsOldValuesReadable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys");
        Files.writeString(file, "k1=" + key(1) + "\n");
        KeyRing ring = new KeyRing(file, null, null);
        SecretCipher cipher = new SecretCipher(ring);
        byte[] aad = SecretCipher.associatedData("r", "s", "SSH");
        SecretCipher.Sealed old = cipher.seal(SECRET, aad);

        Files.writeString(file, "k1=" + key(1) + "\nk2=" + key(2) + "\nactive=k2\n# rotated\n");
        SecretCipher.Sealed fresh = cipher.seal(SECRET, aad);
        assertEquals("k2", fresh.keyId());
        assertArrayEquals(SECRET, cipher.open(old, aad), "old keys still decrypt");

        Files.writeString(file, "k2=" + key(2) + "\n");
        assertArrayEquals(SECRET, cipher.open(fresh, aad));
        SecretCipher.SealException gone = assertThrows(SecretCipher.SealException.class, () -> cipher.open(old, aad));
        assertTrue(gone.getMessage().contains("k1"));
    }

    @Test
    void keysMustBeAes256AndTheActiveOneMustExist() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new KeyRing(null, "k1:" + Base64.getEncoder().encodeToString(new byte[16]), null));
        assertThrows(IllegalStateException.class, () -> new KeyRing(null, "k1:" + key(1), "k9"));
        assertFalse(KeyRing.none().isConfigured());
    }

    @Test
    void sshAndCertificateMaterialLooksRight() {
        KeyMaterial.SshKeyPair ssh = KeyMaterial.generateSsh(null, "user@example");
        assertTrue(ssh.publicKey().startsWith("ssh-rsa AAAA"));
        assertTrue(ssh.privateKey().contains("BEGIN RSA PRIVATE KEY")
                && ssh.privateKey().contains("Proc-Type: 4,ENCRYPTED"));
        assertTrue(ssh.passphrase().length() >= 20);
        KeyMaterial.Certificate cert = KeyMaterial.generateCertificate("alice", java.time.Duration.ofDays(365));
        assertTrue(cert.certificatePem().startsWith("-----BEGIN CERTIFICATE-----"));
        assertTrue(cert.privateKeyPem().startsWith("-----BEGIN PRIVATE KEY-----"));
        assertEquals(
                "CN=alice",
                KeyMaterial.parseCertificate(cert.certificatePem())
                        .getSubjectX500Principal()
                        .getName());
        assertTrue(KeyMaterial.randomToken(32).length() >= 43, "256 random bits");
    }
}
