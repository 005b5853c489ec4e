package org.custos.keycloak.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.custos.keycloak.error.CustosException;
import org.junit.jupiter.api.Test;

/** The re-sharing rules on their own: who may share how widely, and whose grants a holder may revoke. */
class SharingRulesTest {

    private static final SharingRules.Standing FREE = new SharingRules.Standing(true, true, true);
    private static final SharingRules.Standing NONE = new SharingRules.Standing(false, false, false);
    private static final SharingRules.Standing FLAT = new SharingRules.Standing(false, true, false);
    private static final SharingRules.Standing DEEP = new SharingRules.Standing(false, true, true);

    @Test
    void ownersAndAdminsShareAndRevokeFreely() {
        assertDoesNotThrow(() -> SharingRules.requireMayShare(FREE, "READ", true));
        assertDoesNotThrow(() -> SharingRules.requireMayRevoke(FREE, "READ", false));
    }

    @Test
    void aCallerWithoutThePermissionDoesNothing() {
        assertEquals(
                403,
                assertThrows(CustosException.class, () -> SharingRules.requireMayShare(NONE, "READ", false))
                        .getStatus());
        assertEquals(
                403,
                assertThrows(CustosException.class, () -> SharingRules.requireMayRevoke(NONE, "READ", true))
                        .getStatus());
    }

    @Test
    void aHolderSharesNoWiderThanItHolds() {
        assertDoesNotThrow(() -> SharingRules.requireMayShare(FLAT, "READ", false));
        assertThrows(CustosException.class, () -> SharingRules.requireMayShare(FLAT, "READ", true));
        assertDoesNotThrow(() -> SharingRules.requireMayShare(DEEP, "READ", true));
    }

    @Test
    void aHolderRevokesOnlyItsOwnGrants() {
        assertDoesNotThrow(() -> SharingRules.requireMayRevoke(FLAT, "READ", true));
        assertThrows(CustosException.class, () -> SharingRules.requireMayRevoke(DEEP, "READ", false));
    }
}
