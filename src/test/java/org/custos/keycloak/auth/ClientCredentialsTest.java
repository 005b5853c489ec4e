package org.custos.keycloak.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ClientCredentialsTest {

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesIdAndSecret() {
        ClientCredentials c =
                ClientCredentials.decode(b64("custos-abc-10000:s3cr:et")).orElseThrow();
        assertEquals("custos-abc-10000", c.clientId());
        assertEquals("s3cr:et", c.secret(), "only the first colon separates id and secret");
    }

    @Test
    void aJwtIsNotClientCredentials() {
        assertTrue(ClientCredentials.decode("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")
                .isEmpty());
    }

    @Test
    void rejectsValuesWithoutIdOrSecret() {
        assertTrue(ClientCredentials.decode(b64("no-colon")).isEmpty());
        assertTrue(ClientCredentials.decode(b64(":secret")).isEmpty());
        assertTrue(ClientCredentials.decode(b64("id:")).isEmpty());
        assertTrue(ClientCredentials.decode("%%%not-base64").isEmpty());
        assertTrue(ClientCredentials.decode("").isEmpty());
        assertTrue(ClientCredentials.decode(null).isEmpty());
    }

    @Test
    void toStringNeverShowsTheSecret() {
        String text = ClientCredentials.decode(b64("client:top-secret-value"))
                .orElseThrow()
                .toString();
        assertTrue(text.contains("client"));
        assertFalse(text.contains("top-secret-value"));
    }
}
