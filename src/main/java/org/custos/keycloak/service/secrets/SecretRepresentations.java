package org.custos.keycloak.service.secrets;

import org.custos.keycloak.model.SecretStore.StoredSecret;
import org.custos.keycloak.representation.secrets.SecretViews;

/** Stored secrets in Custos's {@code SecretMetadata} shape (never the value). */
public final class SecretRepresentations {

    private SecretRepresentations() {}

    public static SecretViews.Metadata metadata(StoredSecret s, String realmName) {
        boolean kv = s.type().equals("KV");
        return new SecretViews.Metadata(
                "TENANT_USER",
                kv ? "OTHER" : "VAULT_CREDENTIAL",
                "EXTERNAL",
                kv ? s.kvKey() : "",
                "",
                s.type(),
                realmName,
                s.ownerId(),
                String.valueOf(s.createdAt()),
                s.token(),
                s.description() == null ? "" : s.description(),
                s.clientId());
    }
}
