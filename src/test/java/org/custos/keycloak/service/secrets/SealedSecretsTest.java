package org.custos.keycloak.service.secrets;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import org.custos.keycloak.crypto.KeyRing;
import org.custos.keycloak.error.CustosException;
import org.junit.jupiter.api.Test;

class SealedSecretsTest {

    @Test
    void withoutAKeyEverySecretCallIs503() {
        CustosException e = assertThrows(CustosException.class, () -> SealedSecrets.requireConfigured(KeyRing.none()));
        assertEquals(503, e.getStatus());
        assertEquals("secrets_unavailable", e.getError());
        assertDoesNotThrow(() -> SealedSecrets.requireConfigured(
                new KeyRing(null, "k1:" + Base64.getEncoder().encodeToString(new byte[32]), null)));
    }
}
