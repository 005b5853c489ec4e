package org.custos.keycloak.service.sharing;

import static org.custos.keycloak.service.sharing.SharingWorld.BOB;
import static org.custos.keycloak.service.sharing.SharingWorld.CAROL;
import static org.custos.keycloak.service.sharing.SharingWorld.Shared.group;
import static org.custos.keycloak.service.sharing.SharingWorld.Shared.user;
import static org.custos.keycloak.service.sharing.SharingWorld.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.custos.keycloak.model.ShareStore;
import org.junit.jupiter.api.Test;

/** A revoke takes away exactly the one grant it names: access that other shares give stays, and says why. */
class RevokeOverStoresTest {

    private static final SharingWorld.Shared BOB_READS_DOC = user("doc", "READ", "bob", false);

    @Test
    void aRevokeRemovesThatShareAndNoOther() {
        SharingWorld world = new SharingWorld()
                .share(BOB_READS_DOC)
                .share(user("doc", "WRITE", "bob", false))
                .share(user("doc", "READ", "carol", false))
                .share(group("doc", "READ", "bob", false))
                .share(user("folder", "READ", "bob", true));
        List<ShareStore.Share> expected = new ArrayList<>(world.stores.shares().reaching(id("doc"), false));
        expected.removeIf(s -> s.depth() == 0
                && s.permissionId().equals("READ")
                && s.principalType().equals(ShareStore.USER)
                && s.principalId().equals("bob"));
        world.revoke(BOB_READS_DOC);
        assertEquals(expected, world.stores.shares().reaching(id("doc"), false));
    }

    @Test
    void aRevokedDirectShareLeavesAccessThroughAGroup() {
        SharingWorld.Shared carolReads = user("doc", "READ", "carol", false);
        SharingWorld world = new SharingWorld().share(carolReads).share(group("doc", "READ", "team", false));
        world.revoke(carolReads);
        assertEquals(ShareStore.GROUP, world.deciding(CAROL, "doc", "READ").principalType(), "the team's share");
    }

    @Test
    void revokingACascadingShareTakesAccessFromEverythingBelow() {
        SharingWorld.Shared cascade = user("folder", "READ", "bob", true);
        SharingWorld world = new SharingWorld().share(cascade);
        world.revoke(cascade);
        assertFalse(world.allowed(BOB, "doc", "READ"));
        assertFalse(world.allowed(BOB, "page", "READ"));
    }

    @Test
    void revokingOnAChildLeavesTheCascadeFromAbove() {
        SharingWorld world =
                new SharingWorld().share(user("folder", "READ", "bob", true)).share(BOB_READS_DOC);
        world.revoke(BOB_READS_DOC);
        assertEquals("folder", world.deciding(BOB, "doc", "READ").sourceExternalId(), "folder's cascade");
    }

    @Test
    void revokingOneUsersShareLeavesAnotherUsersShareOfTheSameKind() {
        SharingWorld world = new SharingWorld().share(BOB_READS_DOC).share(user("doc", "READ", "carol", false));
        world.revoke(BOB_READS_DOC);
        assertEquals(
                List.of(false, true), List.of(world.allowed(BOB, "doc", "READ"), world.allowed(CAROL, "doc", "READ")));
    }

    @Test
    void revokingWhatWasNeverSharedChangesNothing() {
        SharingWorld world = new SharingWorld().share(BOB_READS_DOC);
        List<ShareStore.Share> before = world.stores.shares().reaching(id("doc"), false);
        world.revoke(user("doc", "READ", "carol", false));
        world.revoke(user("doc", "WRITE", "bob", false));
        world.revoke(group("doc", "READ", "bob", false));
        assertEquals(before, world.stores.shares().reaching(id("doc"), false));
    }
}
