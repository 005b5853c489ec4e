package org.custos.keycloak.representation.users;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Custos's {@code {key, values[]}} attribute ({@code value} is accepted as the older spelling). */
public record UserAttribute(
        @JsonProperty("key") String key, @JsonProperty("values") @JsonAlias("value") List<String> values) {}
