package org.custos.keycloak.representation.secrets;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Request and response shapes of resource-secret management (Custos snake_case; values are write-only in logs). */
public final class SecretViews {

    private SecretViews() {}

    /** Custos's {@code SecretMetadata}. {@code value} is always empty: values travel only in their own fields. */
    public record Metadata(
            @JsonProperty("owner_type") String ownerType,
            @JsonProperty("resource_type") String resourceType,
            @JsonProperty("source") String source,
            @JsonProperty("name") String name,
            @JsonProperty("value") String value,
            @JsonProperty("type") String type,
            @JsonProperty("tenantId") String tenantId,
            @JsonProperty("owner_id") String ownerId,
            @JsonProperty("persisted_time") String persistedTime,
            @JsonProperty("token") String token,
            @JsonProperty("description") String description,
            @JsonProperty("client_id") String clientId) {}

    /** The metadata a client sends; the Custos portal puts a new password here too. */
    public record MetadataInput(
            @JsonProperty("client_id") @JsonAlias("clientId") String clientId,
            @JsonProperty("owner_id") @JsonAlias("ownerId") String ownerId,
            @JsonProperty("description") String description,
            @JsonProperty("token") String token,
            @JsonProperty("password") String password) {
        @Override
        public String toString() {
            return "MetadataInput[client_id=" + clientId + ", owner_id=" + ownerId + ", token="
                    + (token == null ? null : "…") + "]";
        }
    }

    public record SshRequest(
            @JsonProperty("metadata") MetadataInput metadata,
            @JsonProperty("passphrase") String passphrase,
            @JsonProperty("public_key") @JsonAlias("publicKey") String publicKey,
            @JsonProperty("private_key") @JsonAlias("privateKey") String privateKey) {
        @Override
        public String toString() {
            return "SshRequest[…]";
        }
    }

    public record PasswordRequest(
            @JsonProperty("metadata") MetadataInput metadata, @JsonProperty("password") String password) {

        /** The password at the top level (Custos) or inside {@code metadata} (the Custos portal). */
        public String givenPassword() {
            String inMetadata = metadata == null ? null : metadata.password();
            if (password != null && inMetadata != null && !password.equals(inMetadata)) {
                throw org.custos.keycloak.error.CustosException.invalidField(
                        "password", "differs from metadata.password; send one");
            }
            return password != null ? password : inMetadata;
        }

        @Override
        public String toString() {
            return "PasswordRequest[…]";
        }
    }

    public record CertificateRequest(
            @JsonProperty("metadata") MetadataInput metadata,
            @JsonProperty("x509_cert") @JsonAlias("x509Cert") String x509Cert,
            @JsonProperty("private_key") @JsonAlias("privateKey") String privateKey) {
        @Override
        public String toString() {
            return "CertificateRequest[…]";
        }
    }

    public record KvRequest(
            @JsonProperty("metadata") MetadataInput metadata,
            @JsonProperty("key") String key,
            @JsonProperty("value") String value,
            @JsonProperty("token") String token) {
        @Override
        public String toString() {
            return "KvRequest[key=" + key + "]";
        }
    }

    public record TokenResponse(@JsonProperty("token") String token) {}

    public record SshCredential(
            @JsonProperty("metadata") Metadata metadata,
            @JsonProperty("passphrase") String passphrase,
            @JsonProperty("public_key") String publicKey,
            @JsonProperty("private_key") String privateKey) {}

    public record PasswordCredential(
            @JsonProperty("metadata") Metadata metadata, @JsonProperty("password") String password) {}

    public record CertificateCredential(
            @JsonProperty("metadata") Metadata metadata,
            @JsonProperty("x509_cert") String x509Cert,
            @JsonProperty("not_after") String notAfter,
            @JsonProperty("not_before") String notBefore,
            @JsonProperty("private_key") String privateKey,
            @JsonProperty("life_time") long lifeTime) {}

    public record KvCredential(
            @JsonProperty("key") String key,
            @JsonProperty("value") String value,
            @JsonProperty("token") String token,
            @JsonProperty("metadata") Metadata metadata) {}

    public record Summaries(@JsonProperty("metadata") List<Metadata> metadata) {}

    public record ReEncrypted(
            @JsonProperty("re_encrypted") int reEncrypted, @JsonProperty("active_key") String activeKey) {}
}
