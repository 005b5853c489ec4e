package org.custos.keycloak.auth;

import java.util.Collection;
import org.custos.keycloak.error.CustosException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * Who may manage agents. Agents are Keycloak clients with service accounts, so Keycloak's evaluator decides, as it
 * decides the same change through its admin API: creating, changing and deleting agents needs the right to manage
 * clients; giving an agent roles needs the right to map roles onto its service account and to grant each role.
 */
public final class AgentRules {

    private final CallerContext caller;

    AgentRules(CallerContext caller) {
        this.caller = caller;
    }

    /**
     * The agents' own token and logout endpoints: an agent of this realm with its own credentials. A tenant's client
     * (any non-agent client) uses Custos's client endpoints instead.
     */
    public ClientModel requireAgentCredentials() {
        ClientModel agent = caller.requireClientCredentials();
        if (!"true".equals(agent.getAttribute(CustosTokens.AGENT_MARKER))) {
            throw CustosException.forbidden("these endpoints are for agents; use token and user/logout for clients");
        }
        return agent;
    }

    /** Every agent endpoint: Keycloak's {@code manage-clients} (or a fine-grained permission on all clients). */
    public void requireManage() {
        caller.requireAdmin(AdminAccess::canManageClients, "Keycloak's manage-clients");
    }

    /** Roles an agent gets when it is registered: each one as Keycloak checks a direct role mapping. */
    public void requireGrant(Collection<RoleModel> roles) {
        caller.admin().requireGrantAll(roles);
    }

    /** Roles mapped onto (or off) agents' service accounts: Keycloak's map-roles on each, every role grantable. */
    public void requireMapRoles(Collection<UserModel> accounts, Collection<RoleModel> roles) {
        for (UserModel account : accounts) {
            if (!caller.admin().canMapRoles(account)) {
                throw CustosException.forbidden("the caller may not map roles onto this agent's account");
            }
        }
        requireGrant(roles);
    }
}
