package org.custos.keycloak.auth;

import org.custos.keycloak.error.CustosException;

/**
 * Who may share and revoke, decided from what the caller holds on the entity (the sharing service looks that up):
 * <ul>
 *   <li>the entity's owner, a holder of its OWNER permission, or a sharing admin ({@code manage-authorization})
 *       share and revoke freely;</li>
 *   <li>a holder of the permission may re-share only what it holds, never wider than it holds it: a grant that does
 *       not cascade to it cannot be passed on as a cascading one;</li>
 *   <li>a holder revokes, and changes, only grants it made itself;</li>
 *   <li>anyone else is refused.</li>
 * </ul>
 */
public final class SharingRules {

    /** What the caller holds on the entity, for the permission being shared or revoked. */
    public record Standing(boolean free, boolean holds, boolean holdsCascading) {}

    private SharingRules() {}

    public static void requireMayShare(Standing standing, String permission, boolean cascade) {
        if (standing.free()) {
            return;
        }
        if (!standing.holds()) {
            throw CustosException.forbidden("the caller may share only a permission it holds ('" + permission
                    + "' or OWNER) unless it owns the entity or is a sharing admin (manage-authorization)");
        }
        if (cascade && !standing.holdsCascading()) {
            throw CustosException.forbidden(
                    "the caller holds '" + permission + "' without cascade, so it may not " + "share it with cascade");
        }
    }

    /**
     * A grant to this principal exists and the new one would change it (make it cascade): a holder changes only its
     * own grants — a grant made by someone else stays theirs.
     */
    public static void requireMayChange(Standing standing, String permission, boolean madeByCaller) {
        if (!standing.free() && !madeByCaller) {
            throw CustosException.forbidden("'" + permission + "' was shared with this principal by someone else; "
                    + "a holder may not change that grant");
        }
    }

    /** Realm attribute: "true" lets a person acting with their own token create entities with ids they choose. */
    public static final String PERSONS_CREATE_ENTITIES = "custos.entities.created-by-users";

    /**
     * Who chooses entity ids: the tenant's client (client credentials, with or without a user token: the gateway that
     * names its resources) and sharing admins. A person acting with their own token may too only where the realm
     * allows it ({@value #PERSONS_CREATE_ENTITIES}): there an id taken by an entity the person cannot see answers
     * 409, which tells that it exists — a trade-off the operator makes; elsewhere ids cannot be probed or squatted.
     */
    public static void requireMayChooseEntityId(
            boolean sharingAdmin, boolean tenantClient, boolean realmAllowsPersons) {
        if (!sharingAdmin && !tenantClient && !realmAllowsPersons) {
            throw CustosException.forbidden("entities are created by the tenant's client (client credentials) or a "
                    + "sharing admin (manage-authorization); this realm does not let users create them with their own "
                    + "token (realm attribute " + PERSONS_CREATE_ENTITIES + ")");
        }
    }

    /** {@code madeByCaller}: the grant to be revoked exists and the caller made it. */
    public static void requireMayRevoke(Standing standing, String permission, boolean madeByCaller) {
        if (standing.free()) {
            return;
        }
        if (!standing.holds()) {
            throw CustosException.forbidden("the caller may revoke only a permission it holds ('" + permission
                    + "' or OWNER) unless it owns the entity or is a sharing admin (manage-authorization)");
        }
        if (!madeByCaller) {
            throw CustosException.forbidden("a holder of '" + permission + "' may revoke only the grants it made");
        }
    }
}
