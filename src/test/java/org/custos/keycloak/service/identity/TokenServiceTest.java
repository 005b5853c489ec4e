package org.custos.keycloak.service.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ws.rs.core.MultivaluedHashMap;
import org.custos.keycloak.error.CustosException;
import org.junit.jupiter.api.Test;

class TokenServiceTest {

    private static MultivaluedHashMap<String, String> form(String... pairs) {
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.add(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    private static String rejected(MultivaluedHashMap<String, String> form) {
        CustosException e = assertThrows(CustosException.class, () -> TokenService.resolveGrantType(form));
        assertEquals(400, e.getStatus());
        return e.getError();
    }

    @Test
    void explicitGrantTypesPassThrough() {
        for (String grant : new String[] {"password", "authorization_code", "refresh_token", "client_credentials"}) {
            assertEquals(grant, TokenService.resolveGrantType(form("grant_type", grant)));
        }
    }

    @Test
    void aCodeWithoutGrantTypeMeansAuthorizationCode() {
        assertEquals("authorization_code", TokenService.resolveGrantType(form("code", "abc")));
        assertEquals("authorization_code", TokenService.resolveGrantType(form("grant_type", "", "code", "abc")));
    }

    @Test
    void missingOrUnknownGrantTypesAreUnsupported() {
        assertEquals("unsupported_grant_type", rejected(form()));
        assertEquals("unsupported_grant_type", rejected(form("grant_type", "magic", "code", "abc")));
        assertEquals(
                "unsupported_grant_type", rejected(form("grant_type", "urn:ietf:params:oauth:grant-type:device_code")));
    }
}
