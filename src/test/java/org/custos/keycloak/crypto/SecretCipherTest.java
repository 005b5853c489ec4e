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

    private static SecretCipher.Binding binding(String realm, String row, String type) {
        return new SecretCipher.Binding(realm, row, type, "owner-1", "tenant", null, "user:owner-1");
    }

    @Test
    void sealsWithAFreshNonceAndOpensWithTheSameBinding() {
        SecretCipher cipher = new SecretCipher(new KeyRing(null, "k1:" + key(1), null));
        SecretCipher.Binding aad = binding("realm", "row-1", "PASSWORD");
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
        SecretCipher.Sealed sealed = cipher.seal(SECRET, binding("realm", "row-1", "PASSWORD"));
        for (SecretCipher.Binding other : new SecretCipher.Binding[] {
            binding("realm", "row-2", "PASSWORD"),
            binding("realm", "row-1", "KV"),
            binding("other-realm", "row-1", "PASSWORD"),
            // A database writer re-owning the row, moving it to another client or claiming to have written it.
            new SecretCipher.Binding("realm", "row-1", "PASSWORD", "mallory", "tenant", null, "user:owner-1"),
            new SecretCipher.Binding("realm", "row-1", "PASSWORD", "owner-1", "other-client", null, "user:owner-1"),
            new SecretCipher.Binding("realm", "row-1", "PASSWORD", "owner-1", "tenant", null, "client:x"),
            new SecretCipher.Binding("realm", "row-1", "PASSWORD", "owner-1", "tenant", "k", "user:owner-1")
        }) {
            assertThrows(SecretCipher.SealException.class, () -> cipher.open(sealed, other));
        }
    }

    /** Rows sealed before owners were bound still open (until re-encryption seals them in the current format). */
    @Test
    void aValueOfTheFirstFormatOpensAndIsReportedLegacy() {
        SecretCipher cipher = new SecretCipher(new KeyRing(null, "k1:" + key(1), null));
        SecretCipher.Binding b = binding("realm", "row-1", "PASSWORD");
        SecretCipher.Sealed legacy =
                cipher.seal(SECRET, "custos-secret|realm|row-1|PASSWORD".getBytes(StandardCharsets.UTF_8));
        assertTrue(SecretCipher.isLegacy(legacy));
        assertArrayEquals(SECRET, cipher.open(legacy, b));
        SecretCipher.Sealed current = cipher.seal(SECRET, b);
        assertFalse(SecretCipher.isLegacy(current));
        // A current value cannot be passed off as a legacy one (which binds less): the prefix is part of the key.
        SecretCipher.Sealed stripped = new SecretCipher.Sealed(
                current.keyId(), current.wrappedKey().substring(SecretCipher.FORMAT_2.length()), current.ciphertext());
        assertThrows(SecretCipher.SealException.class, () -> cipher.open(stripped, b));
    }

    @Test
    void aTamperedCiphertextFailsToOpen() {
        SecretCipher cipher = new SecretCipher(new KeyRing(null, "k1:" + key(1), null));
        SecretCipher.Binding aad = binding("r", "s", "KV");
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
        SecretCipher.Binding aad = binding("r", "s", "SSH");
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
