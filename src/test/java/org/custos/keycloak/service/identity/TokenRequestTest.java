package org.custos.keycloak.service.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MultivaluedHashMap;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.representation.identity.TokenRequest;
import org.junit.jupiter.api.Test;

class TokenRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theBodyOverridesTheQueryAndAliasesAreNormalised() throws Exception {
        MultivaluedHashMap<String, String> query = new MultivaluedHashMap<>();
        query.add("grant_type", "password");
        query.add("username", "from-query");
        query.add("unrelated", "dropped");
        TokenRequest request = new TokenRequest()
                .addAll(query)
                .addJson(JSON.readTree("{\"username\":\"from-body\",\"refreshToken\":\"r\",\"other\":[1]}"));
        assertEquals("password", request.params().getFirst("grant_type"));
        assertEquals("from-body", request.params().getFirst("username"));
        assertEquals("r", request.params().getFirst("refresh_token"));
        assertNull(request.params().getFirst("unrelated"));
        assertNull(request.params().getFirst("other"));
    }

    @Test
    void aKnownFieldThatIsNotAStringIsRefused() throws Exception {
        CustosException e = assertThrows(
                CustosException.class, () -> new TokenRequest().addJson(JSON.readTree("{\"password\":12345}")));
        assertEquals(400, e.getStatus());
        assertEquals("field 'password' must be a string", e.getDescription());
    }

    @Test
    void nullFieldsAreAbsent() throws Exception {
        TokenRequest request = new TokenRequest().addJson(JSON.readTree("{\"code\":null}"));
        assertNull(request.params().getFirst("code"));
    }
}
