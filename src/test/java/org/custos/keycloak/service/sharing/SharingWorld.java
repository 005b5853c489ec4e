package org.custos.keycloak.service.sharing;

import java.util.List;
import java.util.Set;
import org.custos.keycloak.auth.SharingRules;
import org.custos.keycloak.model.EntityStore.SharingEntity;
import org.custos.keycloak.model.InMemoryStores;
import org.custos.keycloak.model.ShareStore;
import org.custos.keycloak.model.ShareStore.Principal;
import org.custos.keycloak.model.SharingTypeStore;
import org.junit.jupiter.api.Assertions;

/**
 * A small realm over the in-memory stores, and the store-facing half of {@link SharingDecisions} run over them.
 *
 * <p>Groups: {@code org} above {@code team}; {@code others}. Subjects, as {@code SharingContext.principal} builds
 * them (the user id, its groups and every group above them): alice, bob, carol (in team), dave (in org), erin (in
 * others). Entities (owner): {@code folder} (alice) above {@code doc} (alice) above {@code page} (alice);
 * {@code note} (bob) below {@code folder}; {@code elsewhere} (bob), a root. Permission types: READ, WRITE, EXEC.
 *
 * <p>{@link #decide} is the production decision function ({@code SharingDecisions.decide} over a share store).
 * {@link #standing} and {@link #madeBy} repeat the few lines of {@code SharingDecisions.standing} and
 * {@code ShareService} that reach the stores through a {@code KeycloakSession}; the rules they feed are the
 * production ones ({@link SharingRules}).
 */
final class SharingWorld {

    static final String REALM = "realm-1";
    static final String OWNER = SharingContext.OWNER;
    static final List<String> PERMISSIONS = List.of("READ", "WRITE", "EXEC");

    static final Principal ALICE = new Principal("alice", Set.of());
    static final Principal BOB = new Principal("bob", Set.of());
    static final Principal CAROL = new Principal("carol", Set.of("team", "org"));
    static final Principal DAVE = new Principal("dave", Set.of("org"));
    static final Principal ERIN = new Principal("erin", Set.of("others"));

    /** One share to make: on an entity (external id), with a user or group, made by {@code grantor}. */
    record Shared(String on, String permission, String type, String principal, boolean cascade, String grantor) {

        static Shared user(String on, String permission, String user, boolean cascade) {
            return new Shared(on, permission, ShareStore.USER, user, cascade, "alice");
        }

        static Shared group(String on, String permission, String group, boolean cascade) {
            return new Shared(on, permission, ShareStore.GROUP, group, cascade, "alice");
        }

        Shared by(String newGrantor) {
            return new Shared(on, permission, type, principal, cascade, newGrantor);
        }
    }

    final InMemoryStores stores = new InMemoryStores();

    SharingWorld() {
        PERMISSIONS.forEach(this::permissionType);
        entity("folder", null, "alice");
        entity("doc", "folder", "alice");
        entity("page", "doc", "alice");
        entity("note", "folder", "bob");
        entity("elsewhere", null, "bob");
    }

    static String id(String externalId) {
        return "id-" + externalId;
    }

    void permissionType(String name) {
        stores.sharingTypes()
                .create(
                        REALM,
                        SharingTypeStore.Kind.PERMISSION_TYPE,
                        new SharingTypeStore.SharingType(name, name, null, 0, 0));
    }

    /** A new entity whose owner holds OWNER on it with cascade, as {@code SharingEntities.create} stores it. */
    void entity(String externalId, String parent, String owner) {
        stores.entities()
                .create(new SharingEntity(
                        id(externalId),
                        REALM,
                        externalId,
                        "DOC",
                        owner,
                        parent == null ? null : id(parent),
                        externalId,
                        null,
                        null,
                        null,
                        0,
                        0,
                        0));
        stores.shares()
                .grant(
                        REALM,
                        new ShareStore.Share(id(externalId), OWNER, ShareStore.USER, owner, true, null, null, 0),
                        true,
                        0);
    }

    SharingWorld share(Shared s) {
        return share(s, false);
    }

    /** {@code takeOver}: what the share service passes for a free caller (owner or sharing admin). */
    SharingWorld share(Shared s, boolean takeOver) {
        ShareStore.Share share = new ShareStore.Share(
                id(s.on()), s.permission(), s.type(), s.principal(), s.cascade(), null, s.grantor(), 0);
        stores.shares().grant(REALM, share, takeOver, 0);
        return this;
    }

    void revoke(Shared s) {
        stores.shares().revoke(id(s.on()), s.permission(), s.type(), s.principal());
    }

    /** The production decision function over the in-memory share store. */
    List<SharingDecisions.Answer> decide(List<SharingDecisions.Question> questions) {
        return SharingDecisions.decide(stores.shares(), REALM, questions, this::permissionTypes);
    }

    SharingDecisions.Answer decide(Principal who, String entity, String permission) {
        return decide(List.of(new SharingDecisions.Question(who, entity, null, permission)))
                .get(0);
    }

    /** The share that decides an allow; an assertion failure for a deny. */
    ShareStore.Grant deciding(Principal who, String entity, String permission) {
        SharingDecisions.Answer a = decide(who, entity, permission);
        return a.allowed() ? a.grant() : Assertions.fail(who.userId() + " was denied " + permission + " on " + entity);
    }

    boolean allowed(Principal who, String entity, String permission) {
        return decide(who, entity, permission).allowed();
    }

    /** The production list of what OWNER satisfies: OWNER and the realm's permission types. */
    Set<String> permissionTypes() {
        return SharingDecisions.permissionTypes(stores.sharingTypes(), REALM);
    }

    /** {@code SharingDecisions.standing} for a caller that is no sharing admin. */
    SharingRules.Standing standing(Principal actor, String entity, String permission) {
        if (allowed(actor, entity, OWNER)) {
            return new SharingRules.Standing(true, true, true);
        }
        if (!allowed(actor, entity, permission)) {
            return new SharingRules.Standing(false, false, false);
        }
        return new SharingRules.Standing(false, true, stores.shares().holdsCascading(id(entity), permission, actor));
    }

    /** {@code ShareService}'s "madeByCaller": the existing grant's maker is the acting user. */
    boolean madeBy(Principal actor, Shared s) {
        return stores.shares()
                .share(id(s.on()), s.permission(), s.type(), s.principal())
                .map(x -> actor.userId().equals(x.grantorId()))
                .orElse(false);
    }
}
