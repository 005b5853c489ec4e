package org.custos.keycloak.service.sharing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.ShareStore;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RealmModel;

/**
 * Who holds a permission on an entity, and why — shared by AuthZEN's subject search and explained decisions and by
 * the admin console's "who has access" page, so that both say the same thing.
 */
public final class WhoHasAccess {

    /** The most holding groups (with their sub-groups) expanded into their members: each is a bound value. */
    public static final int MAX_GROUPS = 1000;

    private WhoHasAccess() {}

    /**
     * The groups whose members hold one of {@code permissionIds} on the entity (internal id): the groups it is shared
     * with, reaching it directly or by cascade, and every group below them. More than {@link #MAX_GROUPS} is 400.
     */
    public static Set<String> groups(RealmModel realm, ShareStore shares, String entityId, List<String> permissionIds) {
        Set<String> groups = new TreeSet<>();
        for (String p : permissionIds) {
            for (String id : shares.holders(entityId, p, ShareStore.GROUP, false)) {
                GroupModel g = realm.getGroupById(id);
                if (g != null) {
                    withSubGroups(g, groups);
                }
            }
        }
        if (groups.size() > MAX_GROUPS) {
            throw CustosException.badRequest("the entity is shared with groups that have more than " + MAX_GROUPS
                    + " groups below them in all: their members are not listed; ask about one user instead");
        }
        return groups;
    }

    private static void withSubGroups(GroupModel g, Set<String> into) {
        if (into.size() <= MAX_GROUPS && into.add(g.getId())) {
            g.getSubGroupsStream().forEach(c -> withSubGroups(c, into));
        }
    }

    /**
     * Why a grant holds: {@code kind} owner / direct / group, the permission, the group, and — when the share sits on
     * an ancestor and cascades — the ancestor's external id as {@code cascaded_from}.
     */
    public static Map<String, Object> reason(ShareStore.Grant g) {
        Map<String, Object> out = new LinkedHashMap<>();
        boolean owner = SharingContext.OWNER.equals(g.permissionId()) && ShareStore.USER.equals(g.principalType());
        out.put("kind", owner ? "owner" : ShareStore.USER.equals(g.principalType()) ? "direct" : "group");
        out.put("permission", g.permissionId());
        if (ShareStore.GROUP.equals(g.principalType())) {
            out.put("group", g.principalId());
        }
        if (g.depth() > 0) {
            out.put("cascaded_from", g.sourceExternalId());
        }
        return out;
    }
}
