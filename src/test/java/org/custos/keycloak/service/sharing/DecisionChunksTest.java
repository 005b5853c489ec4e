package org.custos.keycloak.service.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.custos.keycloak.model.ShareStore;
import org.junit.jupiter.api.Test;

/** How the decision function splits a batch into queries: one per batch when it fits, never an oversized one. */
class DecisionChunksTest {

    private static SharingDecisions.Question q(String user, List<String> groups, String entity, String perm) {
        return new SharingDecisions.Question(new ShareStore.Principal(user, groups), entity, null, perm);
    }

    private static int boundValues(List<SharingDecisions.Question> chunk) {
        Set<String> v = new HashSet<>();
        chunk.forEach(x -> {
            v.add("e" + x.entityId());
            v.add("p" + x.permission());
            v.add("u" + x.principal().userId());
            x.principal().groupIds().forEach(g -> v.add("g" + g));
        });
        return v.size();
    }

    @Test
    void aBatchAboutOneSubjectIsOneQuery() {
        List<SharingDecisions.Question> batch = new ArrayList<>();
        for (int i = 0; i < 900; i++) {
            batch.add(q("alice", List.of("g1", "g2"), "e" + i, i % 2 == 0 ? "READ" : "WRITE"));
        }
        assertEquals(1, SharingDecisions.chunks(batch).size());
        List<SharingDecisions.Question> few = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            few.add(q("u" + (i % 3), List.of("g" + (i % 3)), "e" + i, "READ"));
        }
        assertEquals(1, SharingDecisions.chunks(few).size(), "a few subjects, 100 questions: one query");
    }

    @Test
    void aBatchThatWouldBindTooManyValuesIsSplitAndKeepsEveryQuestion() {
        List<SharingDecisions.Question> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            List<String> groups = new ArrayList<>();
            for (int g = 0; g < 40; g++) {
                groups.add("u" + i + "-g" + g);
            }
            batch.add(q("u" + i, groups, "e" + i, "READ"));
        }
        List<List<SharingDecisions.Question>> chunks = SharingDecisions.chunks(batch);
        assertTrue(chunks.size() > 1);
        int total = 0;
        for (List<SharingDecisions.Question> chunk : chunks) {
            assertTrue(boundValues(chunk) <= SharingDecisions.MAX_BOUND_VALUES, "values " + boundValues(chunk));
            total += chunk.size();
        }
        assertEquals(1000, total);
        Set<SharingDecisions.Question> seen = new HashSet<>();
        chunks.forEach(seen::addAll);
        assertEquals(new HashSet<>(batch), seen);
    }
}
