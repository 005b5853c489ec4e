package org.custos.keycloak.service.migrate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.ShareStore;
import org.custos.keycloak.model.legacy.LegacyTenant;
import org.custos.keycloak.representation.console.BundleViews;
import org.custos.keycloak.representation.console.BundleViews.Ref;
import org.custos.keycloak.service.sharing.SharingEntities;

/**
 * A legacy tenant's sharing graph as this extension holds it. Custos materialised every inherited grant as a row
 * (INDIRECT_CASCADING, copied at the time of a share or an entity's creation); here a grant is one share and
 * inheritance is computed from the tree at each check. So: each direct row becomes a share (cascading when it was
 * DIRECT_CASCADING or when Custos copied it down); each entity's owner gets the OWNER share every entity here has;
 * and the inherited rows are compared with what the current tree derives — a row the tree no longer explains (the
 * entity moved since) becomes an explicit share on that entity, so every legacy answer stays; a grant the tree
 * derives that Custos had not copied (descendants of a moved entity) is reported, since here it widens an answer.
 * Pure: no Keycloak, unit-tested with rows.
 */
final class LegacyShares {

    static final String OWNER = "OWNER";
    static final String DIRECT_CASCADING = "DIRECT_CASCADING";
    static final String DIRECT_NON_CASCADING = "DIRECT_NON_CASCADING";
    static final String INDIRECT_CASCADING = "INDIRECT_CASCADING";
    /** How many examples a note quotes. */
    static final int QUOTED = 5;

    /** The bundle's sharing sections, and what was not carried as it was, with why. */
    record Result(
            List<BundleViews.Type> entityTypes,
            List<BundleViews.Type> permissionTypes,
            List<BundleViews.Entity> entities,
            List<BundleViews.Share> shares,
            List<String> notes) {}

    private final LegacyTenant tenant;
    /** A legacy group's external id → the realm's group; null when the group is not there. */
    private final Function<String, Ref> groups;
    /** A username → how the bundle names the realm's account ({@link LegacyUsers#ref}). */
    private final Function<String, Ref> users;

    private final List<String> notes = new ArrayList<>();
    private final Map<String, LegacyTenant.Entity> entities = new LinkedHashMap<>();
    private final Map<String, String> parents = new HashMap<>();
    private final Map<String, List<String>> children = new HashMap<>();
    /** (entity, principal type, principal, permission) → cascading, in the order rows came. */
    private final Map<Grant, Boolean> grants = new LinkedHashMap<>();

    private final Map<Grant, String> sharedBy = new HashMap<>();

    record Grant(String entity, String principalType, String principal, String permission) {}

    LegacyShares(LegacyTenant tenant, Function<String, Ref> groups, Function<String, Ref> users) {
        this.tenant = tenant;
        this.groups = groups;
        this.users = users;
    }

    Result map() {
        List<BundleViews.Type> permissionTypes = new ArrayList<>();
        for (LegacyTenant.Type t : tenant.permissionTypes()) {
            if (!OWNER.equals(t.id())) { // OWNER is built in here
                permissionTypes.add(type(t));
            }
        }
        List<BundleViews.Type> entityTypes =
                tenant.entityTypes().stream().map(LegacyShares::type).toList();
        List<BundleViews.Entity> ordered = tree();
        Set<String> permissions = new HashSet<>();
        tenant.permissionTypes().forEach(t -> permissions.add(t.id()));
        List<LegacyTenant.Sharing> rows = usable(permissions);
        direct(rows);
        inherited(rows);
        List<BundleViews.Share> shares = new ArrayList<>();
        List<String> nobody = new ArrayList<>();
        grants.forEach((g, cascading) -> {
            BundleViews.Share share = share(g, cascading);
            if (share != null) {
                shares.add(share);
            } else if (!OWNER.equals(g.permission()) || !isOwnerGrant(g)) {
                nobody.add(g.entity() + "/" + g.principal() + "/" + g.permission());
            }
        });
        if (!nobody.isEmpty()) {
            notes.add(nobody.size() + " grants name a user or group the realm does not have, or an account that is"
                    + " not Custos's user of that name: not carried (their access ends): " + quote(nobody));
        }
        return new Result(entityTypes, permissionTypes, ordered, shares, notes);
    }

    private static BundleViews.Type type(LegacyTenant.Type t) {
        return new BundleViews.Type(t.id(), t.name(), t.description(), t.createdAt(), t.updatedAt());
    }

    /** Entities parents first; a parent that is not in the tenant, or a loop, leaves the entity a root (noted). */
    private List<BundleViews.Entity> tree() {
        for (LegacyTenant.Entity e : tenant.entities()) {
            if (entities.putIfAbsent(e.id(), e) != null) {
                notes.add("entity '" + e.id() + "' comes twice: the first row is carried");
            }
        }
        List<String> dangling = new ArrayList<>();
        for (LegacyTenant.Entity e : entities.values()) {
            if (e.parent() != null && !entities.containsKey(e.parent())) {
                dangling.add(e.id());
            } else if (e.parent() != null) {
                parents.put(e.id(), e.parent());
            }
        }
        if (!dangling.isEmpty()) {
            notes.add(dangling.size() + " entities name a parent that is not in the tenant (deleted in Custos, which"
                    + " kept its children); they become roots: " + quote(dangling));
        }
        for (String id : new ArrayList<>(parents.keySet())) {
            Set<String> seen = new HashSet<>();
            String at = id;
            while (at != null && seen.add(at)) {
                at = parents.get(at);
            }
            if (at != null) {
                notes.add("entity '" + at + "' is its own ancestor in Custos: it becomes a root");
                parents.remove(at);
            }
        }
        parents.forEach((child, parent) ->
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(child));
        requireDepth();
        List<BundleViews.Entity> ordered = new ArrayList<>();
        for (LegacyTenant.Entity e : entities.values()) {
            if (!parents.containsKey(e.id())) {
                place(e.id(), ordered);
            }
        }
        return ordered;
    }

    /** No tree deeper than entities may be here: refused before any grant is derived over it. */
    private void requireDepth() {
        Map<String, Integer> depth = new HashMap<>();
        for (String id : entities.keySet()) {
            List<String> up = new ArrayList<>();
            String at = id;
            while (at != null && !depth.containsKey(at)) {
                up.add(at);
                at = parents.get(at);
            }
            int d = at == null ? 0 : depth.get(at);
            for (int i = up.size() - 1; i >= 0; i--) {
                depth.put(up.get(i), ++d);
                if (d > SharingEntities.MAX_DEPTH) {
                    throw CustosException.badRequest("entity '" + up.get(i) + "' is deeper than "
                            + SharingEntities.MAX_DEPTH + " levels in Custos; this server keeps trees to that depth");
                }
            }
        }
    }

    private void place(String root, List<BundleViews.Entity> ordered) {
        ArrayList<String> stack = new ArrayList<>(List.of(root));
        while (!stack.isEmpty()) {
            String id = stack.remove(stack.size() - 1);
            LegacyTenant.Entity e = entities.get(id);
            ordered.add(new BundleViews.Entity(
                    e.id(),
                    e.type(),
                    users.apply(e.owner()),
                    parents.get(id),
                    e.name(),
                    e.description(),
                    e.fullText(),
                    e.binaryData(),
                    e.originalCreationTime(),
                    e.createdAt(),
                    e.updatedAt()));
            List<String> below = children.getOrDefault(id, List.of());
            for (int i = below.size() - 1; i >= 0; i--) {
                stack.add(below.get(i));
            }
        }
    }

    /** The rows that can be carried: on an entity and permission of the tenant, naming a user or a group here. */
    private List<LegacyTenant.Sharing> usable(Set<String> permissions) {
        List<LegacyTenant.Sharing> out = new ArrayList<>();
        Set<LegacyTenant.Sharing> seen = new HashSet<>();
        List<String> skipped = new ArrayList<>();
        int duplicates = 0;
        for (LegacyTenant.Sharing s : tenant.sharing()) {
            if (!seen.add(s)) {
                duplicates++;
            } else if (!entities.containsKey(s.entity())
                    || (s.inheritedParent() != null && !entities.containsKey(s.inheritedParent()))) {
                skipped.add(s.entity() + "/" + s.principal() + "/" + s.permission() + " (entity not in the tenant)");
            } else if (!permissions.contains(s.permission())) {
                skipped.add(s.entity() + "/" + s.principal() + "/" + s.permission() + " (unknown permission type)");
            } else if (!"user".equalsIgnoreCase(s.principalType()) && !"group".equalsIgnoreCase(s.principalType())) {
                skipped.add(s.entity() + "/" + s.principal() + " (principal type '" + s.principalType() + "')");
            } else {
                out.add(s);
            }
        }
        if (duplicates > 0) {
            notes.add(duplicates + " sharing rows repeat another row: carried once");
        }
        if (!skipped.isEmpty()) {
            notes.add(skipped.size() + " sharing rows grant nothing in Custos and are not carried: " + quote(skipped));
        }
        return out;
    }

    private static boolean isDirect(LegacyTenant.Sharing s) {
        return s.inheritedParent() == null || s.inheritedParent().equals(s.entity());
    }

    private Grant grant(LegacyTenant.Sharing s, String entity) {
        boolean group = "group".equalsIgnoreCase(s.principalType());
        return new Grant(entity, group ? ShareStore.GROUP : ShareStore.USER, s.principal(), s.permission());
    }

    /** Each entity's owner, then the direct rows: cascading if DIRECT_CASCADING or copied down by Custos. */
    private void direct(List<LegacyTenant.Sharing> rows) {
        Set<Grant> copiedDown = new HashSet<>();
        for (LegacyTenant.Sharing s : rows) {
            if (!isDirect(s)) {
                copiedDown.add(grant(s, s.inheritedParent()));
            }
        }
        for (LegacyTenant.Entity e : entities.values()) {
            Grant owner = new Grant(e.id(), ShareStore.USER, e.owner(), OWNER);
            grants.put(owner, true);
            sharedBy.put(owner, e.owner());
        }
        for (LegacyTenant.Sharing s : rows) {
            if (!isDirect(s)) {
                continue;
            }
            Grant g = grant(s, s.entity());
            boolean cascading = DIRECT_CASCADING.equals(s.sharingType()) || copiedDown.contains(g);
            grants.merge(g, cascading, Boolean::logicalOr);
            sharedBy.putIfAbsent(g, s.sharedBy());
        }
    }

    /**
     * Compares what each principal held in Custos (every row, direct or inherited) with what the shares derive over
     * the current tree: a holding no share derives becomes an explicit share on its entity; a derived holding Custos
     * did not have is noted (it widens an answer).
     */
    private void inherited(List<LegacyTenant.Sharing> rows) {
        Set<Grant> held = new LinkedHashSet<>();
        Map<Grant, String> heldBy = new HashMap<>();
        for (LegacyTenant.Sharing s : rows) {
            Grant g = grant(s, s.entity());
            held.add(g);
            heldBy.putIfAbsent(g, s.sharedBy());
        }
        Map<Grant, String> derived = new LinkedHashMap<>();
        grants.forEach((g, cascading) -> {
            derived.putIfAbsent(g, g.entity());
            if (cascading) {
                for (String d : descendants(g.entity())) {
                    derived.putIfAbsent(new Grant(d, g.principalType(), g.principal(), g.permission()), g.entity());
                }
            }
        });
        List<String> explicit = new ArrayList<>();
        for (Grant g : held) {
            if (!derived.containsKey(g)) {
                grants.put(g, false);
                sharedBy.put(g, heldBy.get(g));
                explicit.add(g.entity() + "/" + g.principal() + "/" + g.permission());
            }
        }
        if (!explicit.isEmpty()) {
            notes.add(explicit.size() + " inherited rows are no longer explained by the tree (an ancestor moved): "
                    + "each is carried as a share on its entity: " + quote(explicit));
        }
        List<String> widened = new ArrayList<>();
        derived.forEach((g, from) -> {
            if (!held.contains(g)) {
                widened.add(g.entity() + "/" + g.principal() + "/" + g.permission()
                        + (from.equals(g.entity()) ? "" : " (from " + from + ")"));
            }
        });
        if (!widened.isEmpty()) {
            notes.add(widened.size() + " holdings are granted here that Custos had not recorded (a share cascades to"
                    + " what was moved below it later; an owner always holds OWNER): " + quote(widened));
        }
    }

    private List<String> descendants(String entity) {
        List<String> out = new ArrayList<>();
        ArrayList<String> stack = new ArrayList<>(children.getOrDefault(entity, List.of()));
        while (!stack.isEmpty()) {
            String id = stack.remove(stack.size() - 1);
            out.add(id);
            stack.addAll(children.getOrDefault(id, List.of()));
        }
        return out;
    }

    /** The owner's own OWNER grant: when the owner is not here the entity is refused, and says so itself. */
    private boolean isOwnerGrant(Grant g) {
        LegacyTenant.Entity e = entities.get(g.entity());
        return e != null
                && ShareStore.USER.equals(g.principalType())
                && g.principal().equals(e.owner());
    }

    /** The grant as a share, or null when its holder is not here (no such user or group, or not Custos's user). */
    private BundleViews.Share share(Grant g, boolean cascading) {
        Ref principal =
                ShareStore.GROUP.equals(g.principalType()) ? groups.apply(g.principal()) : users.apply(g.principal());
        if (principal == null || principal.id() == null || principal.id().isEmpty()) {
            return null;
        }
        String by = sharedBy.get(g);
        return new BundleViews.Share(g.entity(), g.permission(), g.principalType(), principal, cascading, by, null);
    }

    static String quote(List<String> items) {
        return String.join(", ", items.subList(0, Math.min(QUOTED, items.size())))
                + (items.size() > QUOTED ? ", ..." : "");
    }
}
