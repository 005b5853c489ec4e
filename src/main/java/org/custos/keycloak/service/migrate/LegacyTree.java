package org.custos.keycloak.service.migrate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.legacy.LegacyTenant;
import org.custos.keycloak.service.sharing.SharingEntities;

/**
 * A legacy tenant's entity tree as it can be held here: each entity once (the first row), a parent that is not in
 * the tenant or a loop leaves the entity a root (noted), and no tree deeper than entities may be here (refused
 * before anything is derived over it). Pure.
 */
final class LegacyTree {

    private final List<String> notes = new ArrayList<>();
    private final Map<String, LegacyTenant.Entity> entities = new LinkedHashMap<>();
    private final Map<String, String> parents = new HashMap<>();
    private final Map<String, List<String>> children = new HashMap<>();
    private final List<LegacyTenant.Entity> ordered = new ArrayList<>();

    LegacyTree(List<LegacyTenant.Entity> rows) {
        for (LegacyTenant.Entity e : rows) {
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
                    + " kept its children); they become roots: " + LegacyShares.quote(dangling));
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
        for (LegacyTenant.Entity e : entities.values()) {
            if (!parents.containsKey(e.id())) {
                place(e.id());
            }
        }
    }

    /** The entities, parents first. */
    List<LegacyTenant.Entity> ordered() {
        return ordered;
    }

    boolean contains(String id) {
        return entities.containsKey(id);
    }

    LegacyTenant.Entity entity(String id) {
        return entities.get(id);
    }

    /** The parent here (null for a root, also one whose Custos parent is not carried). */
    String parent(String id) {
        return parents.get(id);
    }

    List<String> notes() {
        return notes;
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

    private void place(String root) {
        ArrayList<String> stack = new ArrayList<>(List.of(root));
        while (!stack.isEmpty()) {
            String id = stack.remove(stack.size() - 1);
            ordered.add(entities.get(id));
            List<String> below = children.getOrDefault(id, List.of());
            for (int i = below.size() - 1; i >= 0; i--) {
                stack.add(below.get(i));
            }
        }
    }

    List<String> descendants(String entity) {
        List<String> out = new ArrayList<>();
        ArrayList<String> stack = new ArrayList<>(children.getOrDefault(entity, List.of()));
        while (!stack.isEmpty()) {
            String id = stack.remove(stack.size() - 1);
            out.add(id);
            stack.addAll(children.getOrDefault(id, List.of()));
        }
        return out;
    }
}
