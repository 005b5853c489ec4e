package org.custos.keycloak.representation.users;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code POST /user/profile/mapper}: copy the listed attributes from the previous to the current account. */
public record LinkAccountsRequest(
        @JsonProperty("current_username") @JsonAlias("currentUsername") String currentUsername,
        @JsonProperty("previous_username") @JsonAlias("previousUsername") String previousUsername,
        @JsonProperty("linking_attributes") @JsonAlias("linkingAttributes") List<String> linkingAttributes) {}
