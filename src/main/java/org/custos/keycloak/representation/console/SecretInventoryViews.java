package org.custos.keycloak.representation.console;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The admin console's secrets page: summaries (never a value) and the key ring's state. */
public final class SecretInventoryViews {

    private SecretInventoryViews() {}

    /** A stored secret without its value; {@code key_id} is the key-encryption key sealing it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(
            @JsonProperty("token") String token,
            @JsonProperty("type") String type,
            @JsonProperty("owner_id") String ownerId,
            @JsonProperty("client_id") String clientId,
            @JsonProperty("key") String kvKey,
            @JsonProperty("description") String description,
            @JsonProperty("created_at") long createdAt,
            @JsonProperty("key_id") String keyId) {}

    public record Page(@JsonProperty("secrets") List<Summary> secrets) {}

    /**
     * Whether keys are configured, the active key's id, every configured key id, how many secrets each key id seals,
     * and how many are sealed under a key other than the active one (what re-encryption would move).
     */
    public record KeyStatus(
            @JsonProperty("configured") boolean configured,
            @JsonProperty("active_key") String activeKey,
            @JsonProperty("keys") List<String> keys,
            @JsonProperty("secrets_per_key") Map<String, Long> secretsPerKey,
            @JsonProperty("under_old_keys") long underOldKeys) {}
}
