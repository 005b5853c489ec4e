package org.custos.keycloak.service.support;

import java.util.Map;
import org.custos.keycloak.auth.Caller;
import org.custos.keycloak.error.CustosException;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * Records each Custos mutation as a Keycloak admin event, attributed to the caller, so that it appears in the admin
 * console's admin events and in {@code GET /admin/realms/{realm}/admin-events} (when the realm stores admin events).
 * Representations passed here must already have secrets removed.
 */
public final class AdminEvents {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Caller caller;

    public AdminEvents(KeycloakSession session, Caller caller) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.caller = caller;
    }

    /** Items of a list an event names; a longer list is recorded as its first items and its size. */
    public static final int EVENT_LIST_ITEMS = 20;

    /**
     * A list as an event records it: whole when short, else its first {@value #EVENT_LIST_ITEMS} items and how many
     * there were — an event never carries a request's list whole.
     */
    public static Object summary(java.util.List<?> items) {
        if (items == null || items.size() <= EVENT_LIST_ITEMS) {
            return items;
        }
        return Map.of("first", items.subList(0, EVENT_LIST_ITEMS), "count", items.size());
    }

    public void emit(OperationType operation, ResourceType type, Object representation, String... path) {
        emit(operation, type.name(), representation, path);
    }

    /**
     * Records the event. A client without a service account has no user to attribute a change to; Keycloak's admin
     * events need one, so such a client may read but not change anything (403, and the change is rolled back).
     */
    public void emit(OperationType operation, String type, Object representation, String... path) {
        if (caller.user() == null) {
            throw CustosException.forbidden("client '" + caller.client().getClientId() + "' has no service account: "
                    + "enable service accounts for it to make changes");
        }
        // The realm the caller authenticated in: this one, or master for a server admin in the admin console.
        AdminAuth auth = new AdminAuth(caller.client().getRealm(), caller.token(), caller.user(), caller.client());
        AdminEventBuilder event = new AdminEventBuilder(
                        realm, auth, session, session.getContext().getConnection())
                .operation(operation)
                .resource(type)
                .resourcePath(path);
        if (representation != null) {
            event.representation(representation);
        }
        CustosOperations.current(session).ifPresent(op -> {
            event.detail(CustosOperations.SERVICE_DETAIL, op.service());
            event.detail(CustosOperations.DETAIL, op.name());
        });
        event.success();
    }
}
