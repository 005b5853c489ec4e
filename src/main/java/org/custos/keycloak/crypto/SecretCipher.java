package org.custos.keycloak.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of one secret: a fresh AES-256 data key per write encrypts the value with AES-256-GCM (96-bit
 * random nonce); the key-encryption key named by {@code keyId} wraps the data key, also with AES-256-GCM. Both use
 * the same associated data ({@link Binding}: realm, secret id, type, owner, storing client, KV key and writer), so a
 * ciphertext moved to another row, owner, type or realm fails its tag check instead of decrypting to someone else's
 * secret.
 */
public final class SecretCipher {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final KeyRing keys;

    public SecretCipher(KeyRing keys) {
        this.keys = keys;
    }

    /** A sealed value as stored: the key-encryption key's id, the wrapped data key and the ciphertext (base64). */
    public record Sealed(String keyId, String wrappedKey, String ciphertext) {
        @Override
        public String toString() {
            return "Sealed[keyId=" + keyId + "]";
        }
    }

    /** Thrown when a value cannot be opened: wrong row, tampered data, or a key that is no longer configured. */
    public static final class SealException extends RuntimeException {
        public SealException(String message) {
            super(message);
        }
    }

    /** Marks a value sealed with {@link #associatedData}'s binding of owner, client and writer (format 2). */
    static final String FORMAT_2 = "v2.";

    /**
     * What a sealed value is bound to: its row, its realm and type, and who owns it, which client stored it, its KV
     * key and who wrote the value. A database writer without the key who re-owns a row, moves it to another client
     * or claims to have written it gets a value that no longer opens, instead of someone else's secret.
     */
    public record Binding(
            String realmId,
            String secretId,
            String type,
            String ownerUserId,
            String clientId,
            String kvKey,
            String writer) {

        byte[] associatedData() {
            StringBuilder b = new StringBuilder("custos-secret/2");
            for (String field : new String[] {realmId, secretId, type, ownerUserId, clientId, kvKey, writer}) {
                String v = field == null ? "" : field;
                b.append('|').append(v.length()).append(':').append(v); // length-prefixed: no ambiguity
            }
            return b.toString().getBytes(StandardCharsets.UTF_8);
        }

        /** The first format's data (realm, id, type), for values sealed before owners were bound. */
        byte[] legacyAssociatedData() {
            return ("custos-secret|" + realmId + "|" + secretId + "|" + type).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Whether the value was sealed before owners were bound: re-encryption seals it in the current format. */
    public static boolean isLegacy(Sealed sealed) {
        return !sealed.wrappedKey().startsWith(FORMAT_2);
    }

    public Sealed seal(byte[] plaintext, Binding binding) {
        Sealed sealed = seal(plaintext, binding.associatedData());
        return new Sealed(sealed.keyId(), FORMAT_2 + sealed.wrappedKey(), sealed.ciphertext());
    }

    /** Opens a value sealed for this binding (in either format). */
    public byte[] open(Sealed sealed, Binding binding) {
        if (isLegacy(sealed)) {
            return open(sealed, binding.legacyAssociatedData());
        }
        Sealed inner =
                new Sealed(sealed.keyId(), sealed.wrappedKey().substring(FORMAT_2.length()), sealed.ciphertext());
        return open(inner, binding.associatedData());
    }

    Sealed seal(byte[] plaintext, byte[] aad) {
        String keyId = keys.activeId();
        byte[] kek = keys.key(keyId).orElseThrow(() -> new SealException("no active secrets key"));
        byte[] dek = new byte[32];
        RANDOM.nextBytes(dek);
        try {
            return new Sealed(
                    keyId,
                    encode(gcm(Cipher.ENCRYPT_MODE, kek, null, dek, aad)),
                    encode(gcm(Cipher.ENCRYPT_MODE, dek, null, plaintext, aad)));
        } finally {
            Arrays.fill(dek, (byte) 0);
            Arrays.fill(kek, (byte) 0);
        }
    }

    byte[] open(Sealed sealed, byte[] aad) {
        byte[] kek = keys.key(sealed.keyId())
                .orElseThrow(() -> new SealException("the secrets key '" + sealed.keyId() + "' is not configured"));
        byte[] dek = null;
        try {
            dek = gcm(Cipher.DECRYPT_MODE, kek, decode(sealed.wrappedKey()), null, aad);
            return gcm(Cipher.DECRYPT_MODE, dek, decode(sealed.ciphertext()), null, aad);
        } finally {
            Arrays.fill(kek, (byte) 0);
            if (dek != null) {
                Arrays.fill(dek, (byte) 0);
            }
        }
    }

    /** GCM with a random nonce prefixed to the output (encrypt), or read from the input (decrypt). */
    private static byte[] gcm(int mode, byte[] key, byte[] nonceAndCiphertext, byte[] plaintext, byte[] aad) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            SecretKeySpec spec = new SecretKeySpec(key, "AES");
            if (mode == Cipher.ENCRYPT_MODE) {
                byte[] nonce = new byte[NONCE_BYTES];
                RANDOM.nextBytes(nonce);
                cipher.init(mode, spec, new GCMParameterSpec(TAG_BITS, nonce));
                cipher.updateAAD(aad);
                byte[] ct = cipher.doFinal(plaintext);
                return ByteBuffer.allocate(NONCE_BYTES + ct.length)
                        .put(nonce)
                        .put(ct)
                        .array();
            }
            if (nonceAndCiphertext.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new SealException("sealed value is truncated");
            }
            cipher.init(mode, spec, new GCMParameterSpec(TAG_BITS, nonceAndCiphertext, 0, NONCE_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(nonceAndCiphertext, NONCE_BYTES, nonceAndCiphertext.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new SealException("sealed value does not belong to this secret or was altered");
        } catch (GeneralSecurityException e) {
            throw new SealException("secret encryption failed: " + e.getClass().getSimpleName());
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] decode(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new SealException("sealed value is not base64");
        }
    }
}
