package org.custos.keycloak.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.model.SharingTypeStore.SharingType;

/** The sharing service's entity types or permission types, browsed in the admin console. */
public class SharingTypePage extends ReadOnlyPage {

    static final String ENTITY_TYPES = "custos-entity-types";
    static final String PERMISSION_TYPES = "custos-permission-types";
    static final String ID_FIELD = "id";

    private final String id;

    SharingTypePage(String id) {
        this.id = id;
    }

    static Map<String, String> row(SharingType type) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put(ID_FIELD, type.externalId());
        row.put("name", type.name());
        row.put("description", type.description());
        row.put("created_at", String.valueOf(type.createdAt()));
        row.put("updated_at", String.valueOf(type.updatedAt()));
        return row;
    }

    @Override
    List<String> columns() {
        return List.of(ID_FIELD, "name", "description", "created_at", "updated_at");
    }

    @Override
    String managedBy() {
        return "create, change and delete types with sharing-management/v1.0.0/"
                + (id.equals(ENTITY_TYPES) ? "entity/type" : "permission/type");
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getHelpText() {
        return id + ".help";
    }

    /** The page of entity types. */
    public static final class EntityTypes extends SharingTypePage {
        public EntityTypes() {
            super(ENTITY_TYPES);
        }
    }

    /** The page of permission types (the built-in OWNER is not a row: it cannot change). */
    public static final class PermissionTypes extends SharingTypePage {
        public PermissionTypes() {
            super(PERMISSION_TYPES);
        }
    }
}
