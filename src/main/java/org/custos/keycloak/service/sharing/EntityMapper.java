package org.custos.keycloak.service.sharing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.custos.keycloak.model.EntityStore.SharingEntity;

/** Entities as Custos shows them: owner by username, parent by external id, {@code shared_count}, times as text. */
final class EntityMapper {

    private EntityMapper() {}

    /** Views of many entities with two queries in all (share counts, parents). */
    static List<EntityInfo> of(SharingContext ctx, List<SharingEntity> entities) {
        List<String> ids = entities.stream().map(SharingEntity::id).toList();
        Map<String, Integer> counts = ctx.stores.shares().counts(ids);
        Map<String, SharingEntity> parents = ctx.stores
                .entities()
                .byIds(entities.stream()
                        .map(SharingEntity::parentId)
                        .filter(Objects::nonNull)
                        .distinct()
                        .toList());
        return entities.stream()
                .map(e -> new EntityInfo(
                        e.externalId(),
                        e.typeId(),
                        SharingFields.nz(ctx.username(e.ownerUserId())),
                        e.parentId() == null || parents.get(e.parentId()) == null
                                ? ""
                                : parents.get(e.parentId()).externalId(),
                        SharingFields.nz(e.name()),
                        SharingFields.nz(e.description()),
                        SharingFields.nz(e.binaryData()),
                        SharingFields.nz(e.fullText()),
                        e.originalCreationTime(),
                        e.createdAt(),
                        e.updatedAt(),
                        counts.getOrDefault(e.id(), 0)))
                .toList();
    }

    /** What the admin event of an entity change carries (no content fields). */
    static Map<String, Object> event(SharingEntity e, String owner, String parentExternalId) {
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("id", e.externalId());
        rep.put("type", e.typeId());
        rep.put("owner_id", owner);
        rep.put("parent_id", parentExternalId == null ? "" : parentExternalId);
        rep.put("name", SharingFields.nz(e.name()));
        return rep;
    }
}
