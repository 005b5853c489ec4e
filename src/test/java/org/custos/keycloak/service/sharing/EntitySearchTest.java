package org.custos.keycloak.service.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.EntityQuery.Criterion;
import org.custos.keycloak.model.EntityQuery.Field;
import org.custos.keycloak.model.EntityQuery.Op;
import org.custos.keycloak.representation.sharing.SharingRequests.SearchCriterion;
import org.custos.keycloak.rest.sharing.SharingSpecs;
import org.junit.jupiter.api.Test;

/** The search compiler on its own: what each Custos field and condition becomes, and what is refused. */
class EntitySearchTest {

    private static final EntitySearch.Resolver RESOLVER = new EntitySearch.Resolver() {
        @Override
        public String userId(String username) {
            return username.equals("alice") ? "uid-alice" : null;
        }

        @Override
        public String entityId(String externalId) {
            return externalId.equals("p1") ? "iid-p1" : null;
        }

        @Override
        public String principalId(String value) {
            return value.equals("alice") ? "uid-alice" : null;
        }
    };

    private static SearchCriterion c(Object field, String value, Object condition) {
        return new SearchCriterion(
                field instanceof Integer i ? IntNode.valueOf(i) : TextNode.valueOf((String) field),
                value,
                condition == null
                        ? null
                        : condition instanceof Integer i ? IntNode.valueOf(i) : TextNode.valueOf((String) condition));
    }

    private static CustosException refused(SearchCriterion criterion) {
        return assertThrows(CustosException.class, () -> compile(List.of(criterion), RESOLVER));
    }

    @Test
    void everyConditionMeansWhatItSays() {
        EntitySearch s = compile(
                List.of(
                        c("NAME", "exp%", null),
                        c("CREATED_AT", "10", "GTE"),
                        c("LAST_MODIFIED_AT", "20", "LTE"),
                        c("SHARED_COUNT", "2", "NOT"),
                        c("ID", "x", "NOT")),
                RESOLVER);
        assertEquals(
                List.of(
                        new Criterion(Field.NAME, Op.LIKE, "exp%"),
                        new Criterion(Field.CREATED_AT, Op.GTE, 10L),
                        new Criterion(Field.UPDATED_AT, Op.LTE, 20L),
                        new Criterion(Field.SHARED_COUNT, Op.NOT, 2L),
                        new Criterion(Field.ID, Op.NOT, "x")),
                s.criteria());
    }

    @Test
    void namesAreResolvedAndUnknownNamesMatchNothing() {
        EntitySearch s = compile(
                List.of(
                        c("OWNER_ID", "alice", "EQUAL"),
                        c("PARENT_ID", "p1", "EQUAL"),
                        c("OWNER_ID", "nobody", "EQUAL")),
                RESOLVER);
        assertEquals("uid-alice", s.criteria().get(0).value());
        assertEquals("iid-p1", s.criteria().get(1).value());
        assertEquals("(names nobody)", s.criteria().get(2).value(), "an unknown owner matches no row");
    }

    @Test
    void protoNumbersAreAcceptedForEnums() {
        // 4 = OWNER_ID, 4 = NOT
        EntitySearch s = compile(List.of(c(4, "alice", 4)), RESOLVER);
        assertEquals(List.of(new Criterion(Field.OWNER_USER_ID, Op.NOT, "uid-alice")), s.criteria());
    }

    @Test
    void permissionAndSharingFields() {
        EntitySearch s = compile(
                List.of(
                        c("PERMISSION_TYPE_ID", "READ", null),
                        c("SHARED_WITH", "alice", null),
                        c("SHARED_BY", "bob", "NOT")),
                RESOLVER);
        assertEquals(List.of("READ"), s.permissionIds());
        assertEquals(
                List.of(
                        new Criterion(Field.SHARED_WITH, Op.EQUAL, "uid-alice"),
                        new Criterion(Field.SHARED_BY, Op.NOT, "bob")),
                s.criteria());
    }

    @Test
    void nonsenseIsA400NamingTheField() {
        assertEquals(400, refused(c("NOPE", "x", null)).getStatus());
        assertEquals(400, refused(c("CREATED_AT", "yesterday", "GTE")).getStatus());
        assertEquals(400, refused(c("CREATED_AT", "1", "LIKE")).getStatus());
        assertEquals(400, refused(c("NAME", "x", "GTE")).getStatus());
        assertEquals(400, refused(c("PERMISSION_TYPE_ID", "READ", "NOT")).getStatus());
        assertEquals(400, refused(c("ID", "x", "WHATEVER")).getStatus());
        assertEquals(400, refused(new SearchCriterion(null, "x", null)).getStatus());
    }

    @Test
    void cursorsRoundTripAndForeignCursorsAreRefused() {
        String cursor = SharingSearch.encodeCursor("entity-42/ü");
        assertEquals("entity-42/ü", SharingSearch.decodeCursor(cursor));
        assertEquals(
                400,
                assertThrows(CustosException.class, () -> SharingSearch.decodeCursor("garbage!"))
                        .getStatus());
        assertEquals(
                400,
                assertThrows(
                                CustosException.class,
                                () -> SharingSearch.decodeCursor(
                                        java.util.Base64.getUrlEncoder().encodeToString("other".getBytes())))
                        .getStatus());
    }

    private static EntitySearch compile(List<SearchCriterion> criteria, EntitySearch.Resolver resolver) {
        return EntitySearch.compile(SharingSpecs.filters(criteria), resolver);
    }
}
