package org.custos.keycloak.error;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The JSON error body every failing custos endpoint returns (the OAuth 2 error shape Keycloak also uses). */
public record ErrorRepresentation(
        @JsonProperty("error") String error, @JsonProperty("error_description") String errorDescription) {}
