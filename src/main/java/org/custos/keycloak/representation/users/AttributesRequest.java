package org.custos.keycloak.representation.users;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code POST|DELETE /attributes}: attributes to set on (or remove from) several users at once. */
public record AttributesRequest(
        @JsonProperty("attributes") List<UserAttribute> attributes, @JsonProperty("users") List<String> users) {}
