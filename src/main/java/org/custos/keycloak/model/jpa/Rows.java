package org.custos.keycloak.model.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.util.ArrayList;
import java.util.List;
import org.custos.keycloak.error.DuplicateException;
import org.keycloak.models.ModelDuplicateException;

/** What every JPA store does the same way. */
final class Rows {

    /** How many ids go into one {@code in (...)} list. */
    static final int CHUNK = 1000;

    private Rows() {}

    /**
     * Inserts a row now rather than at commit, so that a unique key taken by a concurrent request is reported
     * to this request as a {@link DuplicateException} naming {@code field}, not as a failed commit.
     */
    static void insert(EntityManager em, Object row, String field, String message) {
        em.persist(row);
        flush(em, field, message);
    }

    /** Flushes now; a unique key taken meanwhile is a {@link DuplicateException} naming {@code field}. */
    private static void flush(EntityManager em, String field, String message) {
        try {
            em.flush();
        } catch (ModelDuplicateException e) {
            throw new DuplicateException(field, message);
        } catch (PersistenceException e) {
            if (isConstraintViolation(e)) {
                throw new DuplicateException(field, message);
            }
            throw e;
        }
    }

    /**
     * Inserts new rows now, in JDBC batches, and lets go of them (an import's rows would otherwise stay in the
     * persistence context, each checked at every later flush); a unique key taken meanwhile is a {@link
     * DuplicateException} naming {@code field}.
     */
    static void insertAll(EntityManager em, List<?> rows, String field, String message) {
        org.hibernate.Session hibernate = em.unwrap(org.hibernate.Session.class);
        Integer batch = hibernate.getJdbcBatchSize();
        hibernate.setJdbcBatchSize(CHUNK);
        try {
            rows.forEach(em::persist);
            flush(em, field, message);
        } finally {
            hibernate.setJdbcBatchSize(batch);
        }
        rows.forEach(em::detach);
    }

    private static boolean isConstraintViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }

    static List<List<String>> chunks(List<String> all) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            out.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return out;
    }
}
