package org.custos.keycloak.auth;

/**
 * Realm-level rights, named as Keycloak's admin API names them ({@code auth.realm().requireViewEvents()}) and decided
 * by its evaluator for this caller.
 */
public final class RealmRules {

    private final CallerContext caller;

    RealmRules(CallerContext caller) {
        this.caller = caller;
    }

    /** Reading events and the audit log: {@code view-events} (or {@code manage-events}). */
    public Caller requireViewEvents() {
        return caller.requireAdmin(AdminAccess::canViewEvents, "Keycloak's view-events");
    }

    /** Changing what the realm records: {@code manage-events}. */
    public Caller requireManageEvents() {
        return caller.requireAdmin(AdminAccess::canManageEvents, "Keycloak's manage-events");
    }
}
