package org.custos.keycloak.service.bundle;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.MembershipStore;
import org.custos.keycloak.representation.console.BundleViews;
import org.custos.keycloak.service.groups.GroupMembers;
import org.custos.keycloak.service.groups.GroupService;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A bundle's group membership types: each on a direct member of the group here (Keycloak's realm import brings the
 * memberships themselves), of a type the realm knows (OWNER, ADMIN, MEMBER, or one it defines), as the Custos API
 * would set it.
 */
final class BundleMemberships {

    private final MembershipStore store;
    private final BundleReferences refs;
    private final RealmModel realm;
    private final String extraMembershipTypes;
    /** Each group's membership types here, read once per group; the import's own added as it plans them. */
    private final Map<String, Map<String, String>> byGroup = new HashMap<>();
    /** The (group, user) pairs this import adds. */
    private final Set<List<String>> planned = new HashSet<>();

    BundleMemberships(MembershipStore store, BundleReferences refs, RealmModel realm, String extraMembershipTypes) {
        this.store = store;
        this.refs = refs;
        this.realm = realm;
        this.extraMembershipTypes = extraMembershipTypes;
    }

    void plan(BundleViews.Bundle bundle, BundleImport report) {
        bundle.memberships().forEach(m -> plan(m, report));
    }

    private void plan(BundleViews.Membership m, BundleImport report) {
        GroupModel group = m == null ? null : refs.group(m.group());
        UserModel user = m == null ? null : refs.user(m.user());
        if (group == null || user == null || m.type() == null || m.type().isBlank()) {
            report.problem("membership of " + (m == null ? "?" : BundleReferences.label(m.user())) + " in "
                    + (m == null ? "?" : BundleReferences.label(m.group())) + ": user, group or type missing here");
            return;
        }
        String what = "membership of " + BundleReferences.label(m.user()) + " in " + BundleReferences.label(m.group());
        String type;
        try {
            type = GroupMembers.membershipType(extraMembershipTypes, m.type(), "type");
        } catch (CustosException bad) {
            report.problem(what + ": " + bad.getDescription());
            return;
        }
        if (!GroupService.isDirectMember(user, group)) {
            report.problem(
                    what + ": the user is not a direct member here (Keycloak's realm import brings memberships)");
            return;
        }
        Map<String, String> types =
                byGroup.computeIfAbsent(group.getId(), id -> new HashMap<>(store.types(realm.getId(), id)));
        String existing = types.get(user.getId());
        if (planned.contains(List.of(group.getId(), user.getId()))) {
            report.problem(what + " comes twice");
        } else if (existing == null) {
            types.put(user.getId(), type);
            planned.add(List.of(group.getId(), user.getId()));
            report.add("memberships", () -> store.create(realm.getId(), group.getId(), user.getId(), type));
        } else if (existing.equals(type)) {
            report.same("memberships");
        } else {
            report.conflict(what + " is " + existing + " here");
        }
    }
}
