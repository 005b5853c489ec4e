package org.custos.keycloak.service.bundle;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.custos.keycloak.model.SharingTypeStore;
import org.custos.keycloak.model.SharingTypeStore.Kind;
import org.custos.keycloak.model.SharingTypeStore.SharingType;
import org.custos.keycloak.representation.console.BundleViews;

/** An import's entity and permission types: each planned against the realm's, and which ids count as present. */
final class BundleTypes {

    private final SharingTypeStore store;
    private final String realmId;
    /** The bundle's type ids: they count as present for its entities and shares. */
    private final Set<String> entityTypes = new HashSet<>();

    private final Set<String> permissionTypes = new HashSet<>();

    BundleTypes(SharingTypeStore store, String realmId) {
        this.store = store;
        this.realmId = realmId;
    }

    void plan(Kind kind, BundleViews.Type t, BundleImport report) {
        String label = kind == Kind.ENTITY_TYPE ? "entity type" : "permission type";
        if (t == null || t.id() == null || t.id().isBlank()) {
            report.problem("a " + label + " without an id");
            return;
        }
        if (!(kind == Kind.ENTITY_TYPE ? entityTypes : permissionTypes).add(t.id())) {
            report.problem(label + " '" + t.id() + "' comes twice");
            return;
        }
        var existing = store.type(realmId, kind, t.id());
        if (existing.isEmpty()) {
            SharingType row = new SharingType(
                    t.id(),
                    t.name(),
                    t.description(),
                    BundleImport.orNow(t.createdAt()),
                    BundleImport.orNow(t.updatedAt()));
            report.add(
                    kind == Kind.ENTITY_TYPE ? "entity_types" : "permission_types",
                    () -> store.create(realmId, kind, row));
        } else if (Objects.equals(existing.get().name(), t.name())
                && Objects.equals(existing.get().description(), t.description())) {
            report.same(kind == Kind.ENTITY_TYPE ? "entity_types" : "permission_types");
        } else {
            report.conflict(label + " '" + t.id() + "' has another name or description here");
        }
    }

    /** Whether a type id is built in, the bundle's, or the realm's. */
    boolean known(Kind kind, String id, String builtIn) {
        return id != null
                && (id.equals(builtIn)
                        || (kind == Kind.ENTITY_TYPE ? entityTypes : permissionTypes).contains(id)
                        || store.type(realmId, kind, id).isPresent());
    }
}
