package org.custos.keycloak.service.migrate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.custos.keycloak.model.ShareStore;
import org.custos.keycloak.model.legacy.LegacyTenant;
import org.custos.keycloak.representation.console.BundleViews;
import org.custos.keycloak.representation.console.BundleViews.Ref;

/**
 * A legacy tenant's sharing graph as this extension holds it. Custos materialised every inherited grant as a row
 * (INDIRECT_CASCADING, copied at the time of a share or an entity's creation); here a grant is one share and
 * inheritance is computed from the tree at each check. So: each direct row becomes a share (cascading when it was
 * DIRECT_CASCADING or when Custos copied it down); each entity's owner gets the OWNER share every entity here has;
 * and the inherited rows are compared with what the current tree derives — a row the tree no longer explains (the
 * entity moved since) becomes an explicit share on that entity, so every legacy answer stays; a grant the tree
 * derives that Custos had not copied (descendants of a moved entity) is reported, since here it widens an answer.
 * The tree is held whole; the rows come one holder and permission at a time ({@link #holder}), which is all the
 * comparison needs, so a tenant's millions of rows are never held at once. Pure: no Keycloak, unit-tested with rows.
 */
final class LegacyShares {

    static final String OWNER = "OWNER";
    static final String DIRECT_CASCADING = "DIRECT_CASCADING";
    static final String DIRECT_NON_CASCADING = "DIRECT_NON_CASCADING";
    static final String INDIRECT_CASCADING = "INDIRECT_CASCADING";
    /** How many examples a note quotes. */
    static final int QUOTED = 5;

    private final LegacyTenant tenant;
    /** A legacy group's external id → the realm's group; null when the group is not there. */
    private final Function<String, Ref> groups;
    /** A username → how the bundle names the realm's account ({@link LegacyUsers#ref}). */
    private final Function<String, Ref> users;

    private final LegacyTree tree;
    /** An owner's name in lower case (as rows name users) → the entities they own. */
    private final Map<String, List<String>> owned = new LinkedHashMap<>();
    /** Owners whose OWNER rows were mapped: the others get their OWNER shares from {@link #owners}. */
    private final Set<String> ownersMapped = new HashSet<>();

    private final Set<String> permissions = new HashSet<>();
    private final List<BundleViews.Entity> ordered;
    private int duplicates;
    private final Tally skipped = new Tally();
    private final Tally explicit = new Tally();
    private final Tally widened = new Tally();
    private final Tally nobody = new Tally();

    record Grant(String entity, String principalType, String principal, String permission) {}

    /** Takes the tenant's tree (a tree deeper than entities may be here is refused before anything is mapped). */
    LegacyShares(LegacyTenant tenant, Function<String, Ref> groups, Function<String, Ref> users) {
        this.tenant = tenant;
        this.groups = groups;
        this.users = users;
        tenant.permissionTypes().forEach(t -> permissions.add(t.id()));
        this.tree = new LegacyTree(tenant.entities());
        this.ordered = tree.ordered().stream().map(this::entity).toList();
        for (LegacyTenant.Entity e : tree.ordered()) {
            owned.computeIfAbsent(lower(e.owner()), k -> new ArrayList<>()).add(e.id());
        }
    }

    List<BundleViews.Type> entityTypes() {
        return tenant.entityTypes().stream().map(LegacyShares::type).toList();
    }

    /** The tenant's permission types but OWNER, which is built in here. */
    List<BundleViews.Type> permissionTypes() {
        return tenant.permissionTypes().stream()
                .filter(t -> !OWNER.equals(t.id()))
                .map(LegacyShares::type)
                .toList();
    }

    /** The tenant's entities, parents first. */
    List<BundleViews.Entity> entities() {
        return ordered;
    }

    /** The shares of one holder for one permission, from all of that holder's rows for it (in Custos's order). */
    List<BundleViews.Share> holder(List<LegacyTenant.Sharing> rows) {
        LegacyTenant.Sharing first = rows.get(0);
        if (!"user".equalsIgnoreCase(first.principalType()) && !"group".equalsIgnoreCase(first.principalType())) {
            usable(rows); // none is: each is noted
            return List.of();
        }
        String type = "group".equalsIgnoreCase(first.principalType()) ? ShareStore.GROUP : ShareStore.USER;
        return map(type, first.principal(), first.permission(), rows);
    }

    /** The OWNER shares of owners who had no OWNER row: every entity here has its owner's. */
    List<BundleViews.Share> owners() {
        List<BundleViews.Share> out = new ArrayList<>();
        for (String owner : owned.keySet()) {
            if (!ownersMapped.contains(owner)) {
                out.addAll(map(ShareStore.USER, owner, OWNER, List.of()));
            }
        }
        return out;
    }

    /** What was not carried as it was, and why: complete once every holder and {@link #owners} are mapped. */
    List<String> notes() {
        List<String> notes = new ArrayList<>(tree.notes());
        if (duplicates > 0) {
            notes.add(duplicates + " sharing rows repeat another row: carried once");
        }
        if (skipped.count > 0) {
            notes.add(skipped.count + " sharing rows grant nothing in Custos and are not carried: " + skipped);
        }
        if (explicit.count > 0) {
            notes.add(explicit.count + " inherited rows are no longer explained by the tree (an ancestor moved): "
                    + "each is carried as a share on its entity: " + explicit);
        }
        if (widened.count > 0) {
            notes.add(widened.count + " holdings are granted here that Custos had not recorded (a share cascades to"
                    + " what was moved below it later; an owner always holds OWNER): " + widened);
        }
        if (nobody.count > 0) {
            notes.add(nobody.count + " grants name a user or group the realm does not have, or an account that is"
                    + " not Custos's user of that name: not carried (their access ends): " + nobody);
        }
        return notes;
    }

    private List<BundleViews.Share> map(
            String type, String principal, String permission, List<LegacyTenant.Sharing> all) {
        Map<Grant, Boolean> grants = new LinkedHashMap<>(); // → cascading, in the order rows came
        Map<Grant, String> sharedBy = new HashMap<>();
        if (ShareStore.USER.equals(type) && OWNER.equals(permission) && ownersMapped.add(lower(principal))) {
            for (String e : owned.getOrDefault(lower(principal), List.of())) {
                Grant owner = new Grant(e, ShareStore.USER, principal, OWNER);
                grants.put(owner, true);
                sharedBy.put(owner, principal);
            }
        }
        List<LegacyTenant.Sharing> rows = usable(all);
        direct(rows, grants, sharedBy);
        inherited(rows, grants, sharedBy);
        List<BundleViews.Share> shares = new ArrayList<>();
        grants.forEach((g, cascading) -> {
            BundleViews.Share share = share(g, cascading, sharedBy.get(g));
            if (share != null) {
                shares.add(share);
            } else if (!OWNER.equals(g.permission()) || !isOwnerGrant(g)) {
                nobody.add(g.entity() + "/" + g.principal() + "/" + g.permission());
            }
        });
        return shares;
    }

    private BundleViews.Entity entity(LegacyTenant.Entity e) {
        return new BundleViews.Entity(
                e.id(),
                e.type(),
                users.apply(e.owner()),
                tree.parent(e.id()),
                e.name(),
                e.description(),
                e.fullText(),
                e.binaryData(),
                e.originalCreationTime(),
                e.createdAt(),
                e.updatedAt());
    }

    private static BundleViews.Type type(LegacyTenant.Type t) {
        return new BundleViews.Type(t.id(), t.name(), t.description(), t.createdAt(), t.updatedAt());
    }

    /** The rows that can be carried: on an entity and permission of the tenant, naming a user or a group. */
    private List<LegacyTenant.Sharing> usable(List<LegacyTenant.Sharing> rows) {
        List<LegacyTenant.Sharing> out = new ArrayList<>();
        Set<LegacyTenant.Sharing> seen = new HashSet<>();
        for (LegacyTenant.Sharing s : rows) {
            if (!seen.add(s)) {
                duplicates++;
            } else if (!tree.contains(s.entity())
                    || (s.inheritedParent() != null && !tree.contains(s.inheritedParent()))) {
                skipped.add(s.entity() + "/" + s.principal() + "/" + s.permission() + " (entity not in the tenant)");
            } else if (!permissions.contains(s.permission())) {
                skipped.add(s.entity() + "/" + s.principal() + "/" + s.permission() + " (unknown permission type)");
            } else if (!"user".equalsIgnoreCase(s.principalType()) && !"group".equalsIgnoreCase(s.principalType())) {
                skipped.add(s.entity() + "/" + s.principal() + " (principal type '" + s.principalType() + "')");
            } else {
                out.add(s);
            }
        }
        return out;
    }

    private static boolean isDirect(LegacyTenant.Sharing s) {
        return s.inheritedParent() == null || s.inheritedParent().equals(s.entity());
    }

    private static Grant grant(LegacyTenant.Sharing s, String entity) {
        boolean group = "group".equalsIgnoreCase(s.principalType());
        return new Grant(entity, group ? ShareStore.GROUP : ShareStore.USER, s.principal(), s.permission());
    }

    /** The direct rows: cascading if DIRECT_CASCADING or copied down by Custos. */
    private static void direct(List<LegacyTenant.Sharing> rows, Map<Grant, Boolean> grants, Map<Grant, String> by) {
        Set<Grant> copiedDown = new HashSet<>();
        for (LegacyTenant.Sharing s : rows) {
            if (!isDirect(s)) {
                copiedDown.add(grant(s, s.inheritedParent()));
            }
        }
        for (LegacyTenant.Sharing s : rows) {
            if (!isDirect(s)) {
                continue;
            }
            Grant g = grant(s, s.entity());
            boolean cascading = DIRECT_CASCADING.equals(s.sharingType()) || copiedDown.contains(g);
            grants.merge(g, cascading, Boolean::logicalOr);
            by.putIfAbsent(g, s.sharedBy());
        }
    }

    /**
     * Compares what the holder held in Custos (every row, direct or inherited) with what its shares derive over the
     * current tree: a holding no share derives becomes an explicit share on its entity; a derived holding Custos did
     * not have is noted (it widens an answer).
     */
    private void inherited(List<LegacyTenant.Sharing> rows, Map<Grant, Boolean> grants, Map<Grant, String> by) {
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
                for (String d : tree.descendants(g.entity())) {
                    derived.putIfAbsent(new Grant(d, g.principalType(), g.principal(), g.permission()), g.entity());
                }
            }
        });
        for (Grant g : held) {
            if (!derived.containsKey(g)) {
                grants.put(g, false);
                by.put(g, heldBy.get(g));
                explicit.add(g.entity() + "/" + g.principal() + "/" + g.permission());
            }
        }
        derived.forEach((g, from) -> {
            if (!held.contains(g)) {
                widened.add(g.entity() + "/" + g.principal() + "/" + g.permission()
                        + (from.equals(g.entity()) ? "" : " (from " + from + ")"));
            }
        });
    }

    /** The owner's own OWNER grant: when the owner is not here the entity is refused, and says so itself. */
    private boolean isOwnerGrant(Grant g) {
        LegacyTenant.Entity e = tree.entity(g.entity());
        return e != null
                && ShareStore.USER.equals(g.principalType())
                && lower(g.principal()).equals(lower(e.owner()));
    }

    /** The grant as a share, or null when its holder is not here (no such user or group, or not Custos's user). */
    private BundleViews.Share share(Grant g, boolean cascading, String by) {
        Ref principal =
                ShareStore.GROUP.equals(g.principalType()) ? groups.apply(g.principal()) : users.apply(g.principal());
        if (principal == null || principal.id() == null || principal.id().isEmpty()) {
            return null;
        }
        return new BundleViews.Share(g.entity(), g.permission(), g.principalType(), principal, cascading, by, null);
    }

    private static String lower(String name) {
        return String.valueOf(name).toLowerCase(Locale.ROOT);
    }

    static String quote(List<String> items) {
        return quote(items, items.size());
    }

    static String quote(List<String> items, int count) {
        return String.join(", ", items.subList(0, Math.min(QUOTED, items.size()))) + (count > QUOTED ? ", ..." : "");
    }

    /** How many items a note counts, and the first few it quotes. */
    private static final class Tally {
        private final List<String> quoted = new ArrayList<>();
        private int count;

        void add(String item) {
            count++;
            if (quoted.size() < QUOTED) {
                quoted.add(item);
            }
        }

        @Override
        public String toString() {
            return quote(quoted, count);
        }
    }
}
