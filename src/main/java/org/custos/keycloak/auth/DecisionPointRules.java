package org.custos.keycloak.auth;

import java.util.List;
import org.custos.keycloak.error.CustosException;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.UserModel;

/**
 * Who may ask the AuthZEN decision point what. A decision point (a PEP's client) holds Keycloak's
 * {@code realm-management} role {@value #DECISION_POINT_ROLE} (or {@code manage-authorization}) within its client's
 * scope — an admin role, so only a caller Keycloak lets map it hands it out — and may ask about any subject.
 * Anyone else authenticated may ask only about itself: a person about its own user, a client about its own service
 * account. Nobody learns, by asking, whether another subject exists.
 */
public final class DecisionPointRules {

    public static final String DECISION_POINT_ROLE = AdminRoles.VIEW_AUTHORIZATION;
    static final String ADMIN_ROLE = AdminRoles.MANAGE_AUTHORIZATION;

    private final CallerContext callerContext;
    private Boolean decisionPoint;

    public DecisionPointRules(CallerContext callerContext) {
        this.callerContext = callerContext;
    }

    /** The caller as the sharing rules see it, for the decisions asked of them. */
    public SharingAccess sharing() {
        return callerContext.sharing();
    }

    public Caller caller() {
        return callerContext.authenticate();
    }

    /** Holds the decision-point role (asked of Keycloak's admin permission evaluator once per request). */
    public boolean isDecisionPoint() {
        if (decisionPoint == null) {
            caller();
            decisionPoint = callerContext.admin().hasRole(DECISION_POINT_ROLE, ADMIN_ROLE);
        }
        return decisionPoint;
    }

    /** Whether the caller may ask about {@code subject} (null: a subject that does not resolve). */
    public boolean mayAskAbout(UserModel subject) {
        if (isDecisionPoint()) {
            return true;
        }
        UserModel self = caller().user();
        return subject != null && self != null && self.getId().equals(subject.getId());
    }

    /**
     * Before any look-up: could a subject named so be the caller? A decision point may name anyone; anyone else only
     * its own user (by id or username, plain or prefixed) or its own client (by client id), never a group.
     */
    public boolean mayName(String type, String id) {
        if (isDecisionPoint()) {
            return true;
        }
        Caller c = caller();
        if (c.user() == null) {
            return false;
        }
        boolean person = c.isUser();
        return switch (type) {
            case "user" -> person
                    && List.of(
                                    c.user().getId(),
                                    c.user().getUsername(),
                                    "id:" + c.user().getId(),
                                    "username:" + c.user().getUsername())
                            .contains(id);
            case "agent", "client" -> !person
                    && c.client() != null
                    && c.client().getClientId().equals(id);
            default -> false;
        };
    }

    public void requireMayAskAbout(UserModel subject) {
        if (!mayAskAbout(subject)) {
            throw refusal();
        }
    }

    /** Searching for subjects asks about everyone. */
    public void requireDecisionPoint() {
        if (!isDecisionPoint()) {
            throw refusal();
        }
    }

    public static CustosException refusal() {
        return CustosException.forbidden("a caller may ask only about itself unless it holds the realm-management "
                + "role '" + DECISION_POINT_ROLE + "'");
    }
}
