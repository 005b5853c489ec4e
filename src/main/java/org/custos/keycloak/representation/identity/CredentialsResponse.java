package org.custos.keycloak.representation.identity;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Custos's {@code GET /credentials} answer. Here the Custos client and the Keycloak ("IAM") client are the same
 * Keycloak client, so both pairs carry the same id and secret.
 */
public record CredentialsResponse(
        @JsonProperty("iam_client_id") String iamClientId,
        @JsonProperty("iam_client_secret") String iamClientSecret,
        @JsonProperty("ci_logon_client_id") String ciLogonClientId,
        @JsonProperty("ci_logon_client_secret") String ciLogonClientSecret,
        @JsonProperty("custos_client_id") String custosClientId,
        @JsonProperty("custos_client_secret") String custosClientSecret,
        @JsonProperty("custos_client_id_issued_at") double custosClientIdIssuedAt,
        @JsonProperty("custos_client_secret_expired_at") double custosClientSecretExpiredAt) {}
