package org.custos.keycloak.service.sharing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.auth.SharingAccess;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.SharingTypeStore;
import org.custos.keycloak.model.SharingTypeStore.Kind;
import org.custos.keycloak.model.SharingTypeStore.SharingType;
import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;

/**
 * Entity types and permission types. Sharing admins change them; any authenticated caller reads them. Every realm
 * has two built in, as every Custos tenant had: the permission type OWNER and the entity type SECRET (the Custos
 * portal files secrets under it). They cannot be changed or deleted.
 */
public final class SharingTypes {

    static final long BUILT_IN_TIME = 0L;

    private final SharingContext ctx;
    private final Kind kind;
    private final SharingTypeStore store;

    private SharingTypes(KeycloakSession session, SharingAccess access, Kind kind) {
        this.ctx = new SharingContext(session, access);
        this.kind = kind;
        this.store = ctx.stores.sharingTypes();
    }

    public static SharingTypes entityTypes(KeycloakSession session, SharingAccess access) {
        return new SharingTypes(session, access, Kind.ENTITY_TYPE);
    }

    public static SharingTypes permissionTypes(KeycloakSession session, SharingAccess access) {
        return new SharingTypes(session, access, Kind.PERMISSION_TYPE);
    }

    public void create(TypeSpec input, String field) {
        TypeSpec in = SharingFields.requiredObject(input, field);
        String id = SharingFields.identifier(in.id(), field + ".id");
        TypeInfo existing = builtIn(kind, id);
        if (existing == null) {
            store.serializeCreates(ctx.realm.getId()); // concurrent identical creates: one row, every one answered 200
            existing = store.type(ctx.realm.getId(), kind, id)
                    .map(SharingTypes::view)
                    .orElse(null);
        }
        if (existing != null) {
            if (states(existing, in)) {
                return; // creating what exists, as it is, changes nothing: a client's retry or set-up succeeds
            }
            throw CustosException.conflict(label() + " '" + id + "' exists with another name or description");
        }
        long now = Time.currentTimeMillis();
        SharingType type = new SharingType(
                id, SharingFields.blankToNull(in.name()) == null ? id : in.name(), in.description(), now, now);
        store.create(ctx.realm.getId(), kind, type);
        event(OperationType.CREATE, id, Map.of("id", id, "name", type.name()));
    }

    /** Whether a create of {@code in} states only what {@code existing} is (absent name or description: anything). */
    static boolean states(TypeInfo existing, TypeSpec in) {
        String name = SharingFields.blankToNull(in.name());
        return (name == null || name.equals(existing.name()))
                && (in.description() == null || in.description().equals(existing.description()));
    }

    public void update(TypeSpec input, String field) {
        TypeSpec in = SharingFields.requiredObject(input, field);
        SharingType old = existing(in.id(), field + ".id");
        SharingType type = new SharingType(
                old.externalId(),
                in.name() != null ? in.name() : old.name(),
                in.description() != null ? in.description() : old.description(),
                old.createdAt(),
                Time.currentTimeMillis());
        store.update(ctx.realm.getId(), kind, type);
        event(
                OperationType.UPDATE,
                type.externalId(),
                Map.of("id", type.externalId(), "name", String.valueOf(type.name())));
    }

    public void delete(TypeSpec input, String field) {
        TypeSpec in = SharingFields.requiredObject(input, field);
        SharingType type = existing(in.id(), field + ".id");
        if (store.inUse(ctx.realm.getId(), kind, type.externalId())) {
            throw CustosException.conflict(label() + " '" + type.externalId() + "' is in use by "
                    + (kind == Kind.ENTITY_TYPE ? "entities" : "shares") + ": remove them first");
        }
        store.delete(ctx.realm.getId(), kind, type.externalId());
        event(OperationType.DELETE, type.externalId(), null);
    }

    public TypeInfo get(String id, String field) {
        TypeInfo builtIn = builtIn(kind, id);
        return builtIn != null ? builtIn : view(existing(id, field));
    }

    public List<TypeInfo> list() {
        List<TypeInfo> types = new ArrayList<>();
        types.add(builtIn(kind, kind == Kind.PERMISSION_TYPE ? SharingContext.OWNER : SharingContext.SECRET));
        store.types(ctx.realm.getId(), kind).stream()
                .filter(t -> builtIn(kind, t.externalId()) == null)
                .forEach(t -> types.add(view(t)));
        return types;
    }

    private SharingType existing(String id, String field) {
        String key = SharingFields.required(id, field);
        if (builtIn(kind, key) != null) {
            throw CustosException.badRequest(
                    "the " + label() + " " + key + " is built in: it cannot be changed or " + "deleted");
        }
        return store.type(ctx.realm.getId(), kind, key)
                .orElseThrow(() -> CustosException.notFound(label() + " '" + key + "' not found"));
    }

    /** A built-in type of {@code kind}, or null for any other id. */
    static TypeInfo builtIn(Kind kind, String id) {
        if (kind == Kind.PERMISSION_TYPE && SharingContext.OWNER.equals(id)) {
            return new TypeInfo(
                    SharingContext.OWNER,
                    SharingContext.OWNER,
                    "Owner of the entity: satisfies every permission",
                    BUILT_IN_TIME,
                    BUILT_IN_TIME);
        }
        if (kind == Kind.ENTITY_TYPE && SharingContext.SECRET.equals(id)) {
            return new TypeInfo(
                    SharingContext.SECRET,
                    SharingContext.SECRET,
                    "A secret of the resource-secret service",
                    BUILT_IN_TIME,
                    BUILT_IN_TIME);
        }
        return null;
    }

    static TypeInfo view(SharingType t) {
        return new TypeInfo(
                t.externalId(),
                SharingFields.nz(t.name()),
                SharingFields.nz(t.description()),
                t.createdAt(),
                t.updatedAt());
    }

    private String label() {
        return kind == Kind.ENTITY_TYPE ? "entity type" : "permission type";
    }

    private void event(OperationType operation, String id, Object representation) {
        ctx.events()
                .emit(
                        operation,
                        kind == Kind.ENTITY_TYPE ? "CUSTOS_ENTITY_TYPE" : "CUSTOS_PERMISSION_TYPE",
                        representation,
                        "sharing",
                        kind == Kind.ENTITY_TYPE ? "entity-types" : "permission-types",
                        id);
    }
}
