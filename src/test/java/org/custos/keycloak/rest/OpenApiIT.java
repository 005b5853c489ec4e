package org.custos.keycloak.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.Test;

class OpenApiIT {

    @Test
    void theDocumentIsServedWithThisRealmsBaseUrl() {
        try (TestRealm realm = TestRealm.create(new AdminApi(KeycloakServer.get()), "openapi")) {
            Http.Reply r = Http.request("GET", realm.realmUrl() + "/custos/openapi.json")
                    .send();
            assertEquals(200, r.status());
            assertTrue(r.header("Content-Type").startsWith("application/json"));
            JsonNode doc = r.json();
            assertEquals("3.0.3", doc.get("openapi").asText());
            assertEquals(realm.realmUrl() + "/custos", doc.at("/servers/0/url").asText());
            assertTrue(
                    doc.at("/paths/~1identity-management~1v1.0.0~1token/post").isObject());
        }
    }
}
