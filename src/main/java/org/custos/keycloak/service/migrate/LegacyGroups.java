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
import org.custos.keycloak.model.legacy.LegacyTenant;
import org.custos.keycloak.representation.console.BundleViews;
import org.custos.keycloak.representation.console.BundleViews.Ref;
import org.custos.keycloak.service.groups.GroupService;
import org.custos.keycloak.service.sharing.SharingEntities;
import org.custos.keycloak.service.support.AdminEvents;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * A legacy tenant's groups in the realm. Custos mirrored Keycloak's groups (their external id is the Keycloak group
 * id): those are matched by id and their memberships are Keycloak's — a Custos member who is no longer in the
 * Keycloak group is not put back (that could grant the group's roles again). Custos also kept groups of its own; the
 * migration creates each in Keycloak, marked with its Custos id ({@value #LEGACY_ID}) — never matched by name, so no
 * Custos group lands in an existing Keycloak group — and joins its members, each join checked as Keycloak checks it
 * (the user's and the group's membership rights, the roles joining grants). Custos let a group have several parents
 * ({@code group_to_group_membership}); Keycloak's tree has one: the others are reported. Each group created and each
 * join is an admin event, as through Keycloak's admin API.
 */
final class LegacyGroups {

    static final String LEGACY_ID = "custos.legacy-group";
    private static final Map<String, Integer> RANK = Map.of("OWNER", 3, "ADMIN", 2, "MEMBER", 1);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final LegacyTenant tenant;
    private final GroupPermissions rules;
    private final LegacyUsers users;
    private final AdminEvents events;
    private final List<String> notes;
    private final Map<String, LegacyTenant.Group> byId = new LinkedHashMap<>();
    private final Map<String, String> internalByExternal = new HashMap<>();
    private final Map<String, List<String>> parentsOf = new HashMap<>();
    private final Map<String, GroupModel> placed = new HashMap<>();
    /** Legacy ids of the groups Keycloak already had (mirrored): their memberships are Keycloak's. */
    private final Set<String> mirrored = new HashSet<>();

    private int created;
    private int joined;

    LegacyGroups(
            KeycloakSession session,
            RealmModel realm,
            LegacyTenant tenant,
            GroupPermissions rules,
            LegacyUsers users,
            AdminEvents events,
            List<String> notes) {
        this.session = session;
        this.realm = realm;
        this.tenant = tenant;
        this.rules = rules;
        this.users = users;
        this.events = events;
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
        List<String> nameless = new ArrayList<>();
        for (LegacyTenant.Group g : tenant.groups()) {
            if (g.name() == null || g.name().isBlank()) {
                nameless.add(g.id());
            } else if (byId.putIfAbsent(g.id(), g) == null && g.externalId() != null) {
                internalByExternal.putIfAbsent(g.externalId(), g.id());
            }
        }
        if (!nameless.isEmpty()) {
            notes.add(nameless.size() + " groups have no name: not carried: " + LegacyShares.quote(nameless));
        }
        for (LegacyTenant.GroupEdge edge : tenant.groupEdges()) {
            if (byId.containsKey(edge.parent()) && byId.containsKey(edge.child())) {
                List<String> parents = parentsOf.computeIfAbsent(edge.child(), k -> new ArrayList<>());
                if (!parents.contains(edge.parent())) {
                    parents.add(edge.parent());
                }
            }
        }
        List<String> extra = new ArrayList<>();
        for (LegacyTenant.Group g : byId.values()) {
            List<String> parents = parentsOf.getOrDefault(g.id(), List.of());
            if (parents.size() > 1) {
                extra.add("'" + g.name() + "' (" + (parents.size() - 1) + " more)");
            }
            place(g.id());
        }
        if (!extra.isEmpty()) {
            notes.add(extra.size() + " groups had more than one parent in Custos; Keycloak keeps one (the group's own"
                    + " parent_id), so their members no longer count as members of the others: "
                    + LegacyShares.quote(extra));
        }
    }

    /** The tree parent: {@code parent_id} when it is one of the group's parents, else its first parent. */
    private String treeParent(LegacyTenant.Group g) {
        List<String> parents = parentsOf.getOrDefault(g.id(), List.of());
        if (g.parent() != null && byId.containsKey(g.parent())) {
            return g.parent();
        }
        return parents.isEmpty() ? null : parents.get(0);
    }

    /** Places a group after its ancestors, walking up without recursion; a loop or a chain too deep ends at the top. */
    private void place(String id) {
        List<String> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean cut = false;
        for (String at = id; at != null && !placed.containsKey(at); at = treeParent(byId.get(at))) {
            if (!seen.add(at) || chain.size() >= SharingEntities.MAX_DEPTH) {
                notes.add("group '" + byId.get(chain.get(chain.size() - 1)).name() + "' is its own ancestor in Custos,"
                        + " or too deep: it is placed at the top level");
                cut = true;
                break;
            }
            chain.add(at);
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            String at = chain.get(i);
            String parentId = cut && i == chain.size() - 1 ? null : treeParent(byId.get(at));
            GroupModel parent = parentId == null ? null : placed.get(parentId);
            GroupModel group = parentId != null && parent == null ? null : find(byId.get(at), parentId, parent);
            placed.put(at, group); // null: not carried, nor what lies below it
        }
    }

    private GroupModel find(LegacyTenant.Group g, String parentId, GroupModel parent) {
        GroupModel found = g.externalId() == null ? null : session.groups().getGroupById(realm, g.externalId());
        if (found != null) {
            mirrored.add(g.id());
            return found;
        }
        if (parentId != null && mirrored.contains(parentId)) {
            // below a Keycloak group, its members would get that group's roles, which Custos's own group never gave
            notes.add("group '" + g.name() + "' was Custos's own below the Keycloak group '" + parent.getName()
                    + "': it is placed at the top level");
            parent = null;
        }
        found = session.groups()
                .searchGroupsByAttributes(realm, Map.of(LEGACY_ID, g.id()), 0, 10)
                .filter(x -> g.id().equals(x.getFirstAttribute(LEGACY_ID))) // the search may ignore the attribute
                .findFirst()
                .orElse(null);
        if (found != null) {
            return found;
        }
        boolean taken = (parent == null ? session.groups().getTopLevelGroupsStream(realm) : parent.getSubGroupsStream())
                .anyMatch(x -> g.name().equalsIgnoreCase(x.getName())); // as the database compares sibling names
        if (taken) {
            notes.add("group '" + g.name() + "' not carried: the realm has a group of that name there (a Custos group"
                    + " is never merged into a Keycloak group by name); its members and shares are not carried");
            return null;
        }
        rules.requireCreate();
        found = session.groups().createGroup(realm, KeycloakModelUtils.generateId(), g.name(), parent);
        found.setSingleAttribute(LEGACY_ID, g.id());
        if (g.description() != null) {
            found.setDescription(g.description());
        }
        created++;
        events.emit(
                OperationType.CREATE,
                ResourceType.GROUP,
                Map.of("name", g.name(), LEGACY_ID, g.id()),
                "groups",
                found.getId());
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
        for (LegacyTenant.Membership m : tenant.memberships()) {
            if (m.group() == null || m.user() == null || m.type() == null || !placed.containsKey(m.group())) {
                incomplete++;
                continue;
            }
            if (placed.get(m.group()) == null) {
                continue; // its group was not carried, and said so
            }
            String user = LegacyDatabase.external(m.user(), "@" + tenant.id())
                    .toLowerCase(java.util.Locale.ROOT); // one account, however Custos spelled it
            types.merge(List.of(m.group(), user), m.type(), LegacyGroups::stronger);
        }
        if (incomplete > 0) {
            notes.add(incomplete + " membership rows name no group, no user or no type (Custos saved such rows when a"
                    + " group was created twice): not carried");
        }
        List<BundleViews.Membership> out = new ArrayList<>();
        List<String> left = new ArrayList<>();
        List<String> nobody = new ArrayList<>();
        types.forEach((key, type) -> {
            GroupModel group = placed.get(key.get(0));
            UserModel user = users.user(key.get(1));
            if (user == null) {
                nobody.add(key.get(1) + " in " + group.getName());
                return;
            }
            if (!GroupService.isDirectMember(user, group)) {
                if (mirrored.contains(key.get(0)) || user.getServiceAccountClientLink() != null) {
                    left.add(key.get(1) + " in " + group.getName());
                    return;
                }
                rules.requireManageMembers(group, user); // as Keycloak checks a join: the user's and the group's
                rules.requireCanGrantRolesOf(group); // and the roles joining grants
                user.joinGroup(group);
                joined++;
                events.emit(
                        OperationType.CREATE,
                        ResourceType.GROUP_MEMBERSHIP,
                        Map.of("id", group.getId(), "name", group.getName()),
                        "users",
                        user.getId(),
                        "groups",
                        group.getId());
            }
            out.add(new BundleViews.Membership(
                    new Ref(group.getId(), KeycloakModelUtils.buildGroupPath(group)), users.ref(key.get(1)), type));
        });
        if (!nobody.isEmpty()) {
            notes.add(nobody.size() + " memberships name a user the realm does not have, or an account that is not"
                    + " Custos's user of that name: not carried: " + LegacyShares.quote(nobody));
        }
        if (!left.isEmpty()) {
            notes.add(left.size() + " Custos memberships are not in Keycloak's group any more (left or removed since;"
                    + " a service account is never joined): not carried: " + LegacyShares.quote(left));
        }
        return out;
    }

    private static String stronger(String a, String b) {
        return RANK.getOrDefault(b, 0) > RANK.getOrDefault(a, 0) ? b : a;
    }
}
