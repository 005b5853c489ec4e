package org.custos.keycloak.auth;

import static org.custos.keycloak.auth.EscalationWorld.DORA;
import static org.custos.keycloak.auth.EscalationWorld.GROUPS;
import static org.custos.keycloak.auth.EscalationWorld.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.custos.keycloak.auth.EscalationWorld.Actor;
import org.custos.keycloak.testing.Http;

/**
 * The escalation model's actors. Callers: the tenant client (manage-users, view-users, query-groups,
 * manage-authorization), gina through the tenant's credentials with her {@code user-token}, the manage-clients
 * client, an agent, and plain, owen (OWNER of {@code team}), gina (its ADMIN) and mel (its MEMBER) with their own
 * tokens. Attackers hold tokens of every kind Custos must refuse: radmin's through a public client with no
 * realm-management scope; owen's and radmin's through the public client with no client scope at all; a confidential
 * client that is not one of the realm's Custos clients (its users' tokens, its realm-admin service account's token,
 * its credentials); a client with the {@code custos} audience, disabled after its tokens were taken (radmin's, its
 * realm-admin service account's; its credentials); dora, an OWNER of {@code team} and a member of the admins' group,
 * disabled after her token was taken; and the refused user tokens again as the {@code user-token} beside the
 * tenant's own credentials.
 */
final class EscalationActors {

    private EscalationActors() {}

    /** The callers whose tokens act in Custos; {@code expand} gives a role's composites. */
    static List<Actor> callers(AuthzRealm r, String prefix, Function<Set<String>, Set<String>> expand) {
        List<Actor> actors = new ArrayList<>();
        String tenant = r.realm.tenantAuth();
        Set<String> tenantPower =
                expand.apply(Set.of("rm:manage-users", "rm:view-users", "rm:query-groups", "rm:manage-authorization"));
        actors.add(new Actor("tenant", tenant, null, null, "service-account-" + TENANT, tenantPower, true, TENANT, 0));
        actors.add(new Actor("tenant+gina", tenant, r.token("gina"), "gina", "gina", null, true, TENANT, 0));
        actors.add(new Actor(
                "clients-admin",
                Http.custosBearer(AuthzRealm.CLIENTS_ADMIN, AuthzRealm.CLIENTS_ADMIN_SECRET),
                null,
                null,
                "service-account-" + AuthzRealm.CLIENTS_ADMIN,
                expand.apply(Set.of("rm:manage-clients")),
                true,
                AuthzRealm.CLIENTS_ADMIN,
                0));
        String radmin = Http.bearer(r.token("radmin"));
        assertEquals(
                200,
                r.custos(radmin, "POST", "agent-management", "enable")
                        .json(Map.of())
                        .send()
                        .status());
        String agentId = "bot-" + prefix;
        JsonNode agent = r.custos(radmin, "POST", "agent-management", "agent")
                .json(Map.of("id", agentId))
                .send()
                .json();
        String agentAuth =
                Http.custosBearer(agent.get("id").asText(), agent.get("secret").asText());
        actors.add(new Actor("agent", agentAuth, null, null, "service-account-" + agentId, Set.of(), true, agentId, 0));
        for (String u : List.of("plain", "owen", "gina", "mel")) {
            actors.add(new Actor(u, Http.bearer(r.token(u)), null, u, u, null, false, TENANT, 0));
        }
        return actors;
    }

    /**
     * The attackers, each armed (the disabled client's and user's tokens are seen to act first) and then disarmed:
     * {@value AuthzRealm#DOOMED_APP} and {@value AuthzRealm#DISABLED_USER} are disabled before this returns.
     */
    static List<Actor> attackers(AuthzRealm r) {
        List<Actor> actors = new ArrayList<>();
        String tenant = r.realm.tenantAuth();
        String noScope = AuthzRealm.NO_SCOPE;
        String other = AuthzRealm.OTHER_APP;
        String otherSecret = AuthzRealm.OTHER_SECRET;
        String doomed = AuthzRealm.DOOMED_APP;
        String doomedSecret = AuthzRealm.DOOMED_SECRET;
        String noScopeOwen = r.grant(noScope, null, "owen");
        attacker(actors, "low-scope-admin", Http.bearer(r.lowScopeAdminToken()), null, "radmin", 403);
        attacker(actors, noScope + ":owen", Http.bearer(noScopeOwen), null, "owen", 403);
        attacker(actors, noScope + ":radmin", Http.bearer(r.grant(noScope, null, "radmin")), null, "radmin", 403);
        attacker(actors, "tenant+" + noScope + ":owen", tenant, noScopeOwen, "owen", 403);
        attacker(actors, other + ":owen", Http.bearer(r.grant(other, otherSecret, "owen")), null, "owen", 403);
        attacker(actors, other + ":radmin", Http.bearer(r.grant(other, otherSecret, "radmin")), null, "radmin", 403);
        attacker(actors, other + ":account", Http.bearer(r.grant(other, otherSecret, null)), null, null, 403);
        attacker(actors, other + ":credentials", Http.custosBearer(other, otherSecret), null, null, 403);
        attacker(actors, doomed + ":radmin", Http.bearer(r.grant(doomed, doomedSecret, "radmin")), null, "radmin", 401);
        attacker(actors, doomed + ":account", Http.bearer(r.grant(doomed, doomedSecret, null)), null, null, 401);
        attacker(actors, doomed + ":credentials", Http.custosBearer(doomed, doomedSecret), null, null, 401);
        attacker(actors, DORA, Http.bearer(r.token(DORA)), null, DORA, 401);
        attacker(actors, "tenant+" + DORA, tenant, r.token(DORA), DORA, 401);
        // The premises: only the doomed client's tokens carry the custos audience; each 401 attacker acts while armed.
        for (Actor a : actors) {
            String jwt = a.userToken() != null ? a.userToken() : a.auth().substring("Bearer ".length());
            if (jwt.chars().filter(c -> c == '.').count() == 2) {
                assertEquals(
                        a.name().startsWith(doomed + ":"),
                        audience(jwt).contains("\"" + CustosTokens.AUDIENCE + "\""),
                        "the custos audience of " + a.name() + ": " + audience(jwt));
            }
            if (a.refusal() == 401 && !a.name().endsWith(":credentials")) {
                Http.Reply armed = a.request("GET", r.realm.custos(GROUPS, "user/group/memberships?username=" + DORA))
                        .send();
                assertEquals(200, armed.status(), a.name() + " acts before it is disabled: " + armed);
            }
        }
        r.setClientEnabled(doomed, false);
        r.setUserEnabled(DORA, false);
        return actors;
    }

    private static void attacker(
            List<Actor> actors, String name, String auth, String userToken, String person, int refusal) {
        actors.add(new Actor(name, auth, userToken, person, person, Set.of(), userToken != null, TENANT, refusal));
    }

    private static String audience(String jwt) {
        String claims = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        try {
            return Http.JSON.readTree(claims).path("aud").toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
