package org.custos.keycloak.service.migrate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.custos.keycloak.auth.GroupPermissions;
import org.custos.keycloak.model.legacy.LegacyDatabase;
import org.custos.keycloak.representation.console.BundleViews;
import org.custos.keycloak.representation.console.BundleViews.Ref;
import org.custos.keycloak.service.groups.GroupService;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * A legacy tenant's groups in the realm. Custos mirrored Keycloak's groups (their external id is the Keycloak group
 * id) and also kept groups of its own (an id made from the name); each is matched — by id, else by name under its
 * parent — and created only when the realm has no such group. Custos's memberships become Keycloak memberships (a
 * user is joined where not yet a member, each join checked as Keycloak checks it) with their Custos type in the
 * bundle. Custos let a group have several parents
 * ({@code group_to_group_membership}); Keycloak's tree has one: the others are reported.
 */
final class LegacyGroups {

    private static final Map<String, Integer> RANK = Map.of("OWNER", 3, "ADMIN", 2, "MEMBER", 1);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final LegacyDatabase.Tenant tenant;
    private final GroupPermissions rules;
    private final List<String> notes;
    private final Map<String, LegacyDatabase.Group> byId = new LinkedHashMap<>();
    private final Map<String, String> internalByExternal = new HashMap<>();
    private final Map<String, List<String>> parentsOf = new HashMap<>();
    private final Map<String, GroupModel> placed = new HashMap<>();
    private int created;
    private int joined;

    LegacyGroups(
            KeycloakSession session,
            RealmModel realm,
            LegacyDatabase.Tenant tenant,
            GroupPermissions rules,
            List<String> notes) {
        this.session = session;
        this.realm = realm;
        this.tenant = tenant;
        this.rules = rules;
        this.notes = notes;
    }

    int created() {
        return created;
    }

    int joined() {
        return joined;
    }

    /** Finds or creates every group of the tenant, parents first. */
    void place() {
        tenant.groups().forEach(g -> {
            byId.putIfAbsent(g.id(), g);
            if (g.externalId() != null) {
                internalByExternal.putIfAbsent(g.externalId(), g.id());
            }
        });
        for (LegacyDatabase.GroupEdge edge : tenant.groupEdges()) {
            if (byId.containsKey(edge.parent()) && byId.containsKey(edge.child())) {
                List<String> parents = parentsOf.computeIfAbsent(edge.child(), k -> new ArrayList<>());
                if (!parents.contains(edge.parent())) {
                    parents.add(edge.parent());
                }
            }
        }
        List<String> extra = new ArrayList<>();
        for (LegacyDatabase.Group g : byId.values()) {
            List<String> parents = parentsOf.getOrDefault(g.id(), List.of());
            if (parents.size() > 1) {
                extra.add("'" + g.name() + "' (" + (parents.size() - 1) + " more)");
            }
            place(g.id(), new HashSet<>());
        }
        if (!extra.isEmpty()) {
            notes.add(extra.size() + " groups had more than one parent in Custos; Keycloak keeps one (the group's own"
                    + " parent_id), so their members no longer count as members of the others: "
                    + LegacyShares.quote(extra));
        }
    }

    /** The tree parent: {@code parent_id} when it is one of the group's parents, else its first parent. */
    private String treeParent(LegacyDatabase.Group g) {
        List<String> parents = parentsOf.getOrDefault(g.id(), List.of());
        if (g.parent() != null && byId.containsKey(g.parent())) {
            return g.parent();
        }
        return parents.isEmpty() ? null : parents.get(0);
    }

    private GroupModel place(String id, Set<String> walking) {
        GroupModel done = placed.get(id);
        if (done != null) {
            return done;
        }
        LegacyDatabase.Group g = byId.get(id);
        String parentId = treeParent(g);
        GroupModel parent = null;
        if (parentId != null && walking.add(id)) {
            parent = place(parentId, walking);
        } else if (parentId != null) {
            notes.add("group '" + g.name() + "' is its own ancestor in Custos: it is placed at the top level");
        }
        GroupModel found = g.externalId() == null ? null : session.groups().getGroupById(realm, g.externalId());
        if (found == null) {
            found = (parent == null ? session.groups().getTopLevelGroupsStream(realm) : parent.getSubGroupsStream())
                    .filter(x -> x.getName().equals(g.name()))
                    .findFirst()
                    .orElse(null);
        }
        if (found == null) {
            rules.requireCreate();
            found = session.groups().createGroup(realm, KeycloakModelUtils.generateId(), g.name(), parent);
            created++;
        }
        placed.put(id, found);
        return found;
    }

    /** The realm's group for a Custos group's external id (how a share names it), or null. */
    Ref ref(String externalId) {
        String internal = internalByExternal.get(externalId);
        GroupModel g = internal == null ? null : placed.get(internal);
        return g == null ? null : new Ref(g.getId(), KeycloakModelUtils.buildGroupPath(g));
    }

    /** One membership per user and group, with the strongest type Custos recorded; users are joined where needed. */
    List<BundleViews.Membership> memberships() {
        Map<List<String>, String> types = new LinkedHashMap<>();
        int incomplete = 0;
        for (LegacyDatabase.Membership m : tenant.memberships()) {
            if (m.group() == null || m.user() == null || m.type() == null || !placed.containsKey(m.group())) {
                incomplete++;
                continue;
            }
            String user = LegacyDatabase.external(m.user(), "@" + tenant.id());
            types.merge(List.of(m.group(), user), m.type(), LegacyGroups::stronger);
        }
        if (incomplete > 0) {
            notes.add(incomplete + " membership rows name no group, no user or no type (Custos saved such rows when a"
                    + " group was created twice): not carried");
        }
        List<BundleViews.Membership> out = new ArrayList<>();
        types.forEach((key, type) -> {
            GroupModel group = placed.get(key.get(0));
            UserModel user = session.users().getUserByUsername(realm, key.get(1));
            if (user != null && !GroupService.isDirectMember(user, group)) {
                rules.requireManageMembers(group, user); // as Keycloak checks a join: the user's and the group's
                rules.requireCanGrantRolesOf(group); // and the roles joining grants
                user.joinGroup(group);
                joined++;
            }
            out.add(new BundleViews.Membership(
                    new Ref(group.getId(), KeycloakModelUtils.buildGroupPath(group)),
                    new Ref(user == null ? null : user.getId(), key.get(1)),
                    type));
        });
        return out;
    }

    private static String stronger(String a, String b) {
        return RANK.getOrDefault(b, 0) > RANK.getOrDefault(a, 0) ? b : a;
    }
}
