package org.custos.keycloak.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The key-encryption keys (KEKs) that protect secrets at rest: AES-256 keys by id, one of them active.
 *
 * <p>Configured either inline ({@code secrets-keys}: {@code id:base64,id:base64}, typically from an environment
 * variable) or as a key file ({@code secrets-key-file}) of lines {@code id=base64} plus {@code active=id}. The file is
 * re-read when it changes, so a new key can be made active without a restart: add it, point {@code active} at it,
 * then re-encrypt (old keys keep decrypting until removed). Key bytes never leave this class in text form.
 */
public final class KeyRing {

    private final Path file;
    private final String inline;
    private final String inlineActive;
    private long loadedModified = -1;
    private Map<String, byte[]> keys = Map.of();
    private String active;

    public KeyRing(Path file, String inline, String inlineActive) {
        this.file = file;
        this.inline = inline;
        this.inlineActive = inlineActive;
        if (file == null && inline != null && !inline.isBlank()) {
            Map<String, byte[]> parsed = new LinkedHashMap<>();
            String last = null;
            for (String entry : inline.split(",")) {
                int colon = entry.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("secrets-keys entries must be id:base64");
                }
                last = entry.substring(0, colon).trim();
                parsed.put(last, decode(last, entry.substring(colon + 1).trim()));
            }
            keys = parsed;
            active = inlineActive != null && !inlineActive.isBlank() ? inlineActive.trim() : last;
            requireActive();
        }
    }

    public static KeyRing none() {
        return new KeyRing(null, null, null);
    }

    public synchronized boolean isConfigured() {
        reload();
        return active != null;
    }

    public synchronized String activeId() {
        reload();
        requireActive();
        return active;
    }

    /** The ids of the configured keys (never the keys). */
    public synchronized java.util.List<String> ids() {
        reload();
        return java.util.List.copyOf(keys.keySet());
    }

    public synchronized Optional<byte[]> key(String id) {
        reload();
        byte[] key = keys.get(id);
        return key == null ? Optional.empty() : Optional.of(key.clone());
    }

    private void reload() {
        if (file == null) {
            return;
        }
        try {
            if (!Files.exists(file)) {
                keys = Map.of();
                active = null;
                loadedModified = -1;
                return;
            }
            long modified = Files.getLastModifiedTime(file).toMillis() ^ Files.size(file);
            if (modified == loadedModified) {
                return;
            }
            Map<String, byte[]> parsed = new LinkedHashMap<>();
            String activeLine = null;
            String last = null;
            for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String line = raw.trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalStateException("secrets key file: lines must be id=base64 or active=id");
                }
                String name = line.substring(0, eq).trim();
                String value = line.substring(eq + 1).trim();
                if (name.equals("active")) {
                    activeLine = value;
                } else {
                    parsed.put(name, decode(name, value));
                    last = name;
                }
            }
            keys = parsed;
            active = activeLine != null ? activeLine : last;
            loadedModified = modified;
            requireActive();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the secrets key file", e);
        }
    }

    private void requireActive() {
        if (active != null && !keys.containsKey(active)) {
            throw new IllegalStateException("the active secrets key '" + active + "' is not among the configured keys");
        }
    }

    private static byte[] decode(String id, String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("secrets key '" + id + "' is not base64");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException(
                    "secrets key '" + id + "' must be 32 bytes (AES-256), not " + key.length);
        }
        return key;
    }

    @Override
    public String toString() {
        return "KeyRing[" + (file != null ? "file" : inline != null ? "inline" : "none") + "]";
    }
}
