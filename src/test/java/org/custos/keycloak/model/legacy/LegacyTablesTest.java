package org.custos.keycloak.model.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator's {@code legacy-db-schemas}, read when the server starts (LegacyLayoutIT reads with it). */
class LegacyTablesTest {

    @Test
    void eachPairNamesAKnownServiceAndAPlainDatabaseName() {
        assertEquals(
                Map.of("sharing", "legacy_sharing", "user-profile", "x$1"),
                LegacyTables.parse(" sharing = legacy_sharing , USER-PROFILE=x$1"));
        assertEquals(Map.of(), LegacyTables.parse(" "));
        for (String bad : List.of("shares=core_sharing", "sharing", "sharing=a`b", "sharing=a.b", "sharing=")) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> LegacyTables.parse(bad), bad);
            assertTrue(e.getMessage().contains("legacy-db-schemas"), e.getMessage());
        }
    }
}
