package org.custos.keycloak.rest.sharing;

import java.util.List;
import org.custos.keycloak.representation.sharing.SharingViews;
import org.custos.keycloak.service.sharing.EntityInfo;
import org.custos.keycloak.service.sharing.ShareInfo;
import org.custos.keycloak.service.sharing.SharingSearch;
import org.custos.keycloak.service.sharing.TypeInfo;

/** Sharing answers in Custos's shapes; as its transcoder printed them, int64 values are JSON strings. */
public final class SharingAnswers {

    private SharingAnswers() {}

    public static SharingViews.Entity entity(EntityInfo e) {
        return new SharingViews.Entity(
                e.id(),
                e.type(),
                e.owner(),
                e.parentId(),
                e.name(),
                e.description(),
                e.binaryData(),
                e.fullText(),
                String.valueOf(e.originalCreationTime()),
                String.valueOf(e.createdAt()),
                String.valueOf(e.updatedAt()),
                e.sharedCount());
    }

    public static SharingViews.Entities entities(List<EntityInfo> entities) {
        return new SharingViews.Entities(
                entities.stream().map(SharingAnswers::entity).toList());
    }

    public static SharingViews.Type type(TypeInfo t) {
        return new SharingViews.Type(
                t.id(), t.name(), t.description(), String.valueOf(t.createdAt()), String.valueOf(t.updatedAt()));
    }

    public static SharingViews.Types types(List<TypeInfo> types) {
        return new SharingViews.Types(types.stream().map(SharingAnswers::type).toList());
    }

    static SharingViews.SharedData shares(List<ShareInfo> shares) {
        return new SharingViews.SharedData(shares.stream()
                .map(s -> new SharingViews.SharingMetadata(
                        entity(s.entity()),
                        s.principal(),
                        s.principalType(),
                        s.permission() == null ? null : type(s.permission()),
                        s.sharedBy()))
                .toList());
    }

    public static SharingViews.EntityPage page(SharingSearch.Page page) {
        return new SharingViews.EntityPage(
                page.entities().stream().map(SharingAnswers::entity).toList(), page.nextCursor(), page.complete());
    }
}
