package org.custos.keycloak.auth;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.custos.keycloak.auth.EscalationModel.Secret;
import org.custos.keycloak.auth.EscalationModel.Share;
import org.custos.keycloak.auth.EscalationWorld.Actor;

/**
 * What an accepted step may have changed, judged on the model before and after it, for the caller that sent it. Any
 * gain outside these rules is an escalation:
 * <ul>
 *   <li>roles: no one gains an admin role or Custos power role the caller does not carry (a person carries none it
 *       could pass on: granting needs manage-users);
 *   <li>groups: only a user-admin (manage-users) creates groups, changes a group's roles, or changes memberships at
 *       will; otherwise memberships change only for the group's OWNER or ADMINs, and a membership that is or
 *       becomes OWNER or ADMIN is given, changed or removed, and a group moved, only by its OWNER;
 *   <li>shares: a sharing admin or the entity's OWNER shares freely; a holder passes on only what it holds, cascading
 *       only what it holds cascading, and changes or revokes only grants it made; others change nothing;
 *   <li>entities: only client credentials or a sharing admin create them, only a sharing admin for someone else;
 *   <li>secrets: a value changes only for a caller that may open it.
 * </ul>
 */
final class EscalationRules {

    private EscalationRules() {}

    static void judge(EscalationModel before, EscalationModel after, Actor a, String what) {
        Set<String> power = EscalationWorld.power(a, before);
        roles(before, after, a.power() != null ? a.power() : Set.of(), what);
        groups(before, after, a.person(), power.contains("rm:manage-users"), what);
        shares(before, after, a, power, what);
        secrets(before, after, a, power, what);
    }

    private static void roles(EscalationModel before, EscalationModel after, Set<String> held, String what) {
        for (String u : after.users) {
            Set<String> gained = new TreeSet<>(after.effective(u));
            gained.removeAll(before.effective(u));
            gained.removeIf(k -> !EscalationModel.isPower(k));
            gained.removeAll(held);
            if (!gained.isEmpty()) {
                fail("escalation: " + u + " gained " + gained + " which the caller does not hold; " + what);
            }
        }
    }

    private static boolean isPowerType(String type) {
        return EscalationModel.OWNER.equals(type) || EscalationModel.ADMIN.equals(type);
    }

    private static void groups(
            EscalationModel before, EscalationModel after, String person, boolean userAdmin, String what) {
        for (String g : after.parent.keySet()) {
            String name = after.names.get(g);
            if (!before.parent.containsKey(g)) {
                require(userAdmin, "created group " + name + " without manage-users", what);
                continue;
            }
            require(
                    userAdmin || before.groupRoles.get(g).equals(after.groupRoles.get(g)),
                    "changed the roles of " + name,
                    what);
            Set<String> users = new HashSet<>(before.members.get(g).keySet());
            users.addAll(after.members.get(g).keySet());
            for (String u : users) {
                String was = before.type(g, u);
                String now = after.type(g, u);
                if (Objects.equals(was, now)) {
                    continue;
                }
                String change = "membership of " + u + " in " + name + ": " + was + " -> " + now;
                require(managesMembers(before, g, person, userAdmin), change, what);
                boolean power = isPowerType(now) || isPowerType(was);
                require(!power || owns(before, g, person, userAdmin), change + " (a power type)", what);
            }
            String oldParent = before.parent.get(g);
            String newParent = after.parent.get(g);
            if (!Objects.equals(oldParent, newParent)) {
                String involved = newParent != null ? newParent : oldParent;
                require(
                        owns(before, g, person, userAdmin) && managesMembers(before, involved, person, userAdmin),
                        "moved " + name + " from " + before.name(oldParent) + " to " + before.name(newParent),
                        what);
            }
        }
    }

    private static boolean owns(EscalationModel m, String group, String person, boolean userAdmin) {
        return userAdmin || (person != null && "OWNER".equals(m.type(group, person)));
    }

    private static boolean managesMembers(EscalationModel m, String group, String person, boolean userAdmin) {
        return owns(m, group, person, userAdmin) || (person != null && "ADMIN".equals(m.type(group, person)));
    }

    private static void shares(EscalationModel before, EscalationModel after, Actor a, Set<String> power, String what) {
        boolean sharingAdmin = power.contains("rm:manage-authorization");
        String me = a.account();
        Set<String> keys = new HashSet<>(before.shares.keySet());
        keys.addAll(after.shares.keySet());
        for (String key : keys) {
            Share was = before.shares.get(key);
            Share now = after.shares.get(key);
            if (Objects.equals(was, now)) {
                continue;
            }
            Share row = now != null ? now : was;
            String entity = row.entity();
            if (!before.entityParent.containsKey(entity)) {
                continue; // a new entity's owner row: judged with the entity below
            }
            String change = "share " + key + ": " + was + " -> " + now;
            if (sharingAdmin || before.holds(me, entity, "OWNER")) {
                continue;
            }
            String permission = row.permission();
            require(before.holds(me, entity, permission), change + " by a caller that does not hold it", what);
            if (now == null) {
                require(me.equals(was.grantor()), change + ": revoked a grant someone else made", what);
                continue;
            }
            boolean widened = now.cascading() && (was == null || !was.cascading());
            require(
                    !widened || before.holdsCascading(me, entity, permission),
                    change + ": shared with cascade what it holds without",
                    what);
            require(
                    was == null || (!widened || me.equals(was.grantor())),
                    change + ": changed a grant someone else made",
                    what);
            require(
                    was == null || Objects.equals(was.grantor(), now.grantor()),
                    change + ": took over a grant someone else made",
                    what);
        }
        for (String entity : after.entityParent.keySet()) {
            if (before.entityParent.containsKey(entity)) {
                continue;
            }
            String owner = after.entityOwner.get(entity);
            String parent = after.entityParent.get(entity);
            require(a.clientCredentials() || sharingAdmin, "created entity " + entity + " with its own token", what);
            require(sharingAdmin || owner.equals(me), "created entity " + entity + " owned by " + owner, what);
            boolean viewer = sharingAdmin || power.contains("rm:view-authorization");
            require(
                    parent == null || viewer || before.holdsAny(me, parent),
                    "created entity " + entity + " under " + parent + ", which it cannot see",
                    what);
        }
    }

    private static void secrets(
            EscalationModel before, EscalationModel after, Actor a, Set<String> power, String what) {
        for (Secret s : after.secrets.values()) {
            Secret old = before.secrets.get(s.key());
            if (old != null && !old.equals(s)) {
                require(
                        EscalationModel.mayOpen(a.person(), a.clientCredentials(), a.clientId(), power, old),
                        "changed the secret " + s.key() + " of " + s.owner(),
                        what);
            }
        }
    }

    private static void require(boolean allowed, String change, String what) {
        if (!allowed) {
            fail("escalation: " + change + "; " + what);
        }
    }
}
