package org.custos.keycloak.service.bundle;

import java.util.ArrayList;
import java.util.List;
import org.custos.keycloak.model.CustosStores;
import org.custos.keycloak.model.EntityStore.SharingEntity;
import org.custos.keycloak.model.ShareStore;
import org.keycloak.common.util.Time;

/**
 * An import's writes, in the order it resolves its rows: new entities and the shares on them go to the stores in
 * batches (entities before the shares on them), every other write at once, after the batches before it. Nothing is
 * written in a dry run.
 */
final class BundleWrites {

    /**
     * Rows per batch: each batch is one flush, and a flush walks everything the request's persistence context holds
     * (Keycloak's users and events a migration loaded too), so a batch is large.
     */
    static final int BATCH = 5000;

    private final CustosStores stores;
    private final String realmId;
    private final boolean writing;
    private final List<SharingEntity> entities = new ArrayList<>();
    private final List<ShareStore.Share> shares = new ArrayList<>();

    BundleWrites(CustosStores stores, String realmId, boolean writing) {
        this.stores = stores;
        this.realmId = realmId;
        this.writing = writing;
    }

    void entity(SharingEntity row) {
        if (writing) {
            entities.add(row);
            if (entities.size() >= BATCH) {
                flushEntities();
            }
        }
    }

    /** A share on an entity this import creates. */
    void share(ShareStore.Share row) {
        if (writing) {
            shares.add(row);
            if (shares.size() >= BATCH) {
                flush();
            }
        }
    }

    void now(Runnable write) {
        if (writing) {
            flush();
            write.run();
        }
    }

    void flush() {
        flushEntities();
        if (!shares.isEmpty()) {
            stores.shares().createAll(realmId, List.copyOf(shares), Time.currentTimeMillis());
            shares.clear();
        }
    }

    private void flushEntities() {
        if (!entities.isEmpty()) {
            stores.entities().createAll(List.copyOf(entities));
            entities.clear();
        }
    }
}
