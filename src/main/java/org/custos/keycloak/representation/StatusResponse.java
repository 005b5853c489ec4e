package org.custos.keycloak.representation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Custos's {@code {"status": true}} acknowledgement. */
public record StatusResponse(@JsonProperty("status") boolean status) {

    public static final StatusResponse OK = new StatusResponse(true);
}
