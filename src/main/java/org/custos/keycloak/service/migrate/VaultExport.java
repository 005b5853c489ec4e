package org.custos.keycloak.service.migrate;

import java.util.HashMap;
import java.util.Map;

/**
 * The operator's export of a legacy Custos's Vault: each KV path ({@code resourcesecret/<tenant>/<owner>/<kind>/<id>})
 * with its fields. Paths are compared without a leading {@code /} or {@code v1/}. docs/operations.md says how to make
 * one with {@code vault kv get -format=json}.
 */
public final class VaultExport {

    private final Map<String, Map<String, String>> paths = new HashMap<>();

    public VaultExport(Map<String, Map<String, String>> paths) {
        paths.forEach((path, fields) -> this.paths.put(normal(path), fields));
    }

    public static VaultExport empty() {
        return new VaultExport(Map.of());
    }

    public int size() {
        return paths.size();
    }

    /** The fields at {@code path}, or null. */
    Map<String, String> fields(String path) {
        return paths.get(normal(path));
    }

    static String normal(String path) {
        String p = path.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p.startsWith("v1/") ? p.substring(3) : p;
    }
}
