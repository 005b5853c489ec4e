package org.custos.keycloak.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.SharingApi;
import org.custos.keycloak.testing.TestRealm;

/**
 * The escalation model's world: a realm of {@link AuthzRealm#withAttackers}, its actors ({@link EscalationActors}:
 * callers whose tokens act in Custos, attackers whose tokens must not), the reference model, and the runner that
 * sends one step, judges it ({@link EscalationRules}) and compares the model with the server
 * ({@link EscalationObserver}).
 */
final class EscalationWorld implements AutoCloseable {

    static final String GROUPS = "group-management";
    static final String SHARING = "sharing-management";
    static final String SECRETS = "resource-secret-management";
    static final String USERS = "user-management";
    static final String TENANT = TestRealm.TENANT_CLIENT;
    static final String DORA = AuthzRealm.DISABLED_USER;

    /**
     * A caller. {@code person}: the user it acts as (null for a client's service account); {@code account}: the user
     * behind it (a person or a service account), for what it holds on entities; {@code power}: its realm-management
     * and Custos power roles when fixed (a client's), null for a person (then the model's); {@code refusal}: 0 for a
     * caller whose token acts, else the status an attacker must always get.
     */
    record Actor(
            String name,
            String auth,
            String userToken,
            String person,
            String account,
            Set<String> power,
            boolean clientCredentials,
            String clientId,
            int refusal) {

        boolean attacker() {
            return refusal != 0;
        }

        Http.Request request(String method, String url) {
            Http.Request r = Http.request(method, url).auth(auth);
            return userToken == null ? r : r.header(CallerContext.USER_TOKEN_HEADER, userToken);
        }
    }

    /** A step's own check of its answer (e.g. a secret value is served exactly to those who may open it). */
    interface Check {
        Check NONE = (before, reply, what) -> {};

        void verify(EscalationModel before, Http.Reply reply, String what);
    }

    /** One request: who sends it, what it is, and what it changes in the model if it is accepted. */
    record Step(
            Actor actor,
            String kind,
            String description,
            Http.Request request,
            Consumer<JsonNode> apply,
            Check check) {}

    final AuthzRealm r;
    final EscalationModel model;
    final EscalationSteps steps;
    final List<Actor> actors = new ArrayList<>();
    final Map<String, String> ownerAuth = new HashMap<>();
    final Map<String, int[]> outcomes = new TreeMap<>();
    final String adminGroup;
    final String inner;
    final String viewers;
    final String team;
    int accepted;
    int refused;
    private boolean realmDisabled;
    private final Map<String, Set<String>> expansion = new HashMap<>();
    private final String realmManagement;
    private final EscalationObserver observer;

    EscalationWorld(String prefix) {
        r = AuthzRealm.withAttackers(prefix);
        boolean ready = false;
        try {
            realmManagement = r.realmManagementId();
            List<String> users = new ArrayList<>(AuthzRealm.USERS);
            users.add(DORA);
            Map<String, String> userIds = new LinkedHashMap<>();
            users.forEach(u -> userIds.put(u, r.id(u)));
            model = new EscalationModel(users, this::expand);
            steps = new EscalationSteps(this);
            adminGroup = r.groupId("realm-admins");
            inner = r.groupId("realm-admins/inner");
            viewers = r.groupId("viewers");
            model.group(adminGroup, "realm-admins", null, Set.of("rm:realm-admin"));
            model.group(inner, "inner", adminGroup, Set.of());
            model.group(viewers, "viewers", null, Set.of("rm:view-users"));
            model.direct.get("radmin").add("rm:realm-admin");
            team = createGroupAsAdmin("team", "owen");
            addMemberAsAdmin(team, "gina", "ADMIN");
            addMemberAsAdmin(team, "mel", "MEMBER");
            addMemberAsAdmin(team, DORA, "OWNER");
            addMemberAsAdmin(adminGroup, DORA, "MEMBER");
            SharingApi tenant = new SharingApi(r.realm, r.realm.tenantAuth());
            tenant.entityType("doc");
            tenant.permissionType("READ");
            tenant.permissionType("WRITE");
            actors.addAll(EscalationActors.callers(r, prefix, this::expand));
            actors.addAll(EscalationActors.attackers(r));
            model.disabled.add(DORA);
            observer = new EscalationObserver(r, userIds, realmManagement, r.realm.tenantAuth(), ownerAuth);
            compare("initial state");
            ready = true;
        } finally {
            if (!ready) {
                r.realm.close();
            }
        }
    }

    List<Actor> callersOnly() {
        return actors.stream().filter(a -> !a.attacker()).toList();
    }

    List<Actor> attackersOnly() {
        return actors.stream().filter(Actor::attacker).toList();
    }

    /** What the caller holds: a client's fixed power, a person's as the model has it now. */
    static Set<String> power(Actor a, EscalationModel m) {
        return a.power() != null ? a.power() : m.effective(a.person());
    }

    // ------------------------------------------------------------------ set-up by callers that may (recorded)

    String createGroupAsAdmin(String name, String owner) {
        Http.Reply reply = r.custos(Http.bearer(r.token("radmin")), "POST", GROUPS, "group")
                .json(Map.of("group", Map.of("name", name, "owner_id", owner)))
                .send();
        assertEquals(200, reply.status(), reply.toString());
        String id = reply.json().get("id").asText();
        model.group(id, name, null, Set.of());
        model.members.get(id).put(owner, "OWNER");
        return id;
    }

    void addMemberAsAdmin(String group, String user, String type) {
        Http.Reply reply = r.custos(Http.bearer(r.token("radmin")), "POST", GROUPS, "user/group/membership")
                .json(Map.of("group_id", group, "username", user, "membership_type", type))
                .send();
        assertEquals(200, reply.status(), reply.toString());
        model.members.get(group).put(user, type);
    }

    void entityAsTenant(String id, String owner, String parent) {
        Http.Reply reply = new SharingApi(r.realm, r.realm.tenantAuth()).createEntity(id, "doc", owner, parent);
        assertEquals(200, reply.status(), reply.toString());
        model.entity(id, parent, owner);
    }

    /** A share by the tenant client, a sharing admin: {@code group} true shares with a group id. */
    void shareAsTenant(String entity, String permission, boolean group, String principal, boolean cascade) {
        Http.Reply reply = new SharingApi(r.realm, r.realm.tenantAuth())
                .share(group ? "groups" : "users", entity, permission, List.of(principal), cascade);
        assertEquals(200, reply.status(), reply.toString());
        String type = group ? EscalationModel.GROUP : EscalationModel.USER;
        model.grant(entity, permission, type, principal, cascade, "service-account-" + TENANT, true);
    }

    /** A KV secret the owner stores with their own token ({@code byTenant}: the tenant client stores it for them). */
    void secret(String owner, String key, String value, boolean byTenant) {
        Map<String, Object> body = new HashMap<>(Map.of("key", key, "value", value));
        if (byTenant) {
            body.put("metadata", Map.of("owner_id", owner));
        }
        String auth = byTenant ? r.realm.tenantAuth() : Http.bearer(r.token(owner));
        Http.Reply reply = Http.request("POST", r.realm.custos(SECRETS, "secret/kv"))
                .auth(auth)
                .json(body)
                .send();
        assertEquals(200, reply.status(), reply.toString());
        String writer = EscalationModel.writer(byTenant ? null : owner, TENANT);
        model.secrets.put(key, new EscalationModel.Secret(owner, key, value, TENANT, writer));
        ownerAuth.put(owner, Http.bearer(r.token(owner)));
    }

    // ------------------------------------------------------------------ running and checking

    /** Sends the step and judges it; {@code compareAfter} false leaves the comparison to the caller (a batch). */
    Http.Reply run(Step step, String where, boolean compareAfter) {
        Actor a = step.actor();
        EscalationModel before = model.copy();
        Http.Reply reply = step.request().send();
        String body = reply.body().length() > 400 ? reply.body().substring(0, 400) + "..." : reply.body();
        String what = where + " " + a.name() + ": " + step.description() + " -> " + reply.status() + " " + body;
        assertTrue(reply.status() < 500, "never a server error: " + what);
        int[] outcome = outcomes.computeIfAbsent(step.kind(), k -> new int[2]);
        if (realmDisabled || a.attacker()) {
            assertEquals(realmDisabled ? 403 : a.refusal(), reply.status(), "refused whatever it asks: " + what);
        }
        if (reply.status() / 100 == 2) {
            accepted++;
            outcome[0]++;
            step.apply().accept(reply.body().isBlank() ? null : reply.json());
            EscalationRules.judge(before, model, a, what);
        } else {
            refused++;
            outcome[1]++;
            assertTrue(reply.json().has("error_description"), "a refusal explains itself: " + what);
        }
        if (!realmDisabled) {
            step.check().verify(before, reply, what);
        }
        if (compareAfter) {
            compare(what);
        }
        return reply;
    }

    void compare(String what) {
        observer.compare(model, what, !realmDisabled);
    }

    /** Disables the realm (every request must then be refused 403), or enables it again with fresh owner tokens. */
    void setRealmEnabled(boolean enabled) {
        r.setRealmEnabled(enabled);
        realmDisabled = !enabled;
        if (enabled) {
            ownerAuth.replaceAll((owner, old) -> Http.bearer(r.freshToken(owner)));
        }
    }

    String outcomes() {
        StringBuilder out = new StringBuilder();
        outcomes.forEach((kind, n) -> out.append(' ')
                .append(kind)
                .append('=')
                .append(n[0])
                .append('/')
                .append(n[1]));
        return accepted + " accepted, " + refused + " refused (accepted/refused per kind:" + out + ")";
    }

    @Override
    public void close() {
        r.realm.close();
    }

    /** Role keys with every composite they carry, as Keycloak's admin API defines them. */
    Set<String> expand(Set<String> roots) {
        Set<String> out = new HashSet<>();
        for (String root : roots) {
            Set<String> known = expansion.get(root);
            if (known == null) {
                known = fetchExpansion(root);
                expansion.put(root, known);
            }
            out.addAll(known);
        }
        return out;
    }

    private Set<String> fetchExpansion(String key) {
        Set<String> out = new HashSet<>(Set.of(key));
        String name = key.substring(key.indexOf(':') + 1);
        String realm = "/" + r.realm.name();
        String path = key.startsWith("rm:")
                ? realm + "/clients/" + realmManagement + "/roles/" + name + "/composites"
                : realm + "/roles/" + name + "/composites";
        for (JsonNode c : r.realm.admin().get(path)) {
            boolean client = c.path("clientRole").asBoolean();
            if (client && !c.path("containerId").asText().equals(realmManagement)) {
                continue;
            }
            out.addAll(expand(Set.of((client ? "rm:" : "realm:") + c.get("name").asText())));
        }
        return out;
    }
}
