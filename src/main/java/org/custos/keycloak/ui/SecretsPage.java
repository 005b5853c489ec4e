package org.custos.keycloak.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.model.SecretStore.StoredSecret;

/** Summaries of the realm's Custos secrets — id, type, owner, description, creation — and never a value. */
public final class SecretsPage extends ReadOnlyPage {

    static final String ID = "custos-secrets";
    static final String ID_FIELD = "secret_id";

    static Map<String, String> row(StoredSecret s) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put(ID_FIELD, s.token());
        row.put("type", s.type());
        row.put("owner_id", s.ownerId());
        row.put("description", s.description());
        row.put("client_id", s.clientId());
        row.put("key", s.kvKey());
        row.put("created_at", String.valueOf(s.createdAt()));
        return row;
    }

    @Override
    List<String> columns() {
        return List.of(ID_FIELD, "type", "owner_id", "description", "client_id", "key", "created_at");
    }

    @Override
    String managedBy() {
        return "secrets are stored and changed with resource-secret-management/v1.0.0, and their values are never "
                + "shown here";
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getHelpText() {
        return ID + ".help";
    }
}
