package org.custos.keycloak.representation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.error.CustosException;
import org.junit.jupiter.api.Test;

class JsonTest {

    record Sample(
            @JsonProperty("client_id") @JsonAlias("clientId") String clientId,
            @JsonProperty("enabled") Boolean enabled,
            @JsonProperty("names") List<String> names) {}

    private static Sample read(String json) {
        return Json.read(json.getBytes(StandardCharsets.UTF_8), Sample.class);
    }

    private static String descriptionOf(String json) {
        CustosException e = assertThrows(CustosException.class, () -> read(json));
        assertEquals(400, e.getStatus());
        assertEquals("invalid_request", e.getError());
        return e.getDescription();
    }

    @Test
    void acceptsSnakeCaseAndCamelCaseAndIgnoresUnknownFields() {
        assertEquals("a", read("{\"client_id\":\"a\",\"extra\":{\"x\":1}}").clientId());
        assertEquals("b", read("{\"clientId\":\"b\"}").clientId());
    }

    record Criterion(@JsonProperty("search_field") String searchField, @JsonProperty("value") String value) {}

    record Search(
            @JsonProperty("owner_id") String ownerId,
            @JsonProperty("search_criteria") List<Criterion> criteria,
            @JsonProperty("entity") Sample entity,
            @JsonProperty("ownerId") String camelOnly) {}

    @Test
    void everyFieldIsReadUnderItsProtoNameAndItsJsonNameAsProtobufDoes() {
        Search s = Json.read(
                ("{\"ownerId\":\"camel\",\"searchCriteria\":[{\"searchField\":\"NAME\",\"value\":\"x\"}],"
                                + "\"entity\":{\"clientId\":\"c\",\"enabled\":true}}")
                        .getBytes(StandardCharsets.UTF_8),
                Search.class);
        assertEquals("camel", s.camelOnly(), "a name the type declares is kept as it is");
        assertNull(s.ownerId());
        assertEquals("NAME", s.criteria().get(0).searchField(), "renamed inside lists");
        assertEquals("c", s.entity().clientId());
        Search snake = Json.read(
                "{\"owner_id\":\"o\",\"search_criteria\":[{\"search_field\":\"ID\"}]}".getBytes(StandardCharsets.UTF_8),
                Search.class);
        assertEquals("o", snake.ownerId());
        assertEquals("ID", snake.criteria().get(0).searchField());
        Criterion both = Json.read(
                "{\"search_field\":\"A\",\"searchField\":\"B\"}".getBytes(StandardCharsets.UTF_8), Criterion.class);
        assertEquals("A", both.searchField(), "the proto name wins when both are sent");
        String d = descriptionOf("{\"clientId\":5}");
        assertTrue(d.contains("'client_id' must be a string"), d);
    }

    record Page(@JsonProperty("limit") Integer limit) {}

    @Test
    void quotedIntegersConvertAndOutOfRangeNumbersAreNamedAsSuch() {
        assertEquals(
                10,
                Json.read("{\"limit\":\"10\"}".getBytes(StandardCharsets.UTF_8), Page.class)
                        .limit());
        for (String body : List.of("{\"limit\":99999999999}", "{\"limit\":\"99999999999\"}", "{\"limit\":\"ten\"}")) {
            CustosException e = assertThrows(
                    CustosException.class, () -> Json.read(body.getBytes(StandardCharsets.UTF_8), Page.class));
            assertEquals(400, e.getStatus());
            String d = e.getDescription();
            assertFalse(d.contains("line -1"), d);
            assertFalse(d.contains("99999999999") || d.contains("ten"), "values are never echoed: " + d);
        }
    }

    @Test
    void queryParametersSpellNestedObjectsAndIgnoreMalformedNames() {
        Search s = Json.readQuery(
                Map.of(
                        "owner_id", List.of("o"),
                        "entity.clientId", List.of("c"),
                        ".", List.of("x"),
                        "entity.", List.of("y"),
                        "..", List.of("z")),
                Search.class);
        assertEquals("o", s.ownerId());
        assertEquals("c", s.entity().clientId());
    }

    @Test
    void nullMeansAbsentAndAnEmptyBodyIsAnEmptyObject() {
        assertNull(read("{\"client_id\":null}").clientId());
        assertNull(Json.read(new byte[0], Sample.class).clientId());
        assertNull(
                Json.read("  \n".getBytes(StandardCharsets.UTF_8), Sample.class).names());
    }

    @Test
    void quotedBooleansAreAcceptedAsCustosDid() {
        assertEquals(Boolean.TRUE, read("{\"enabled\":\"true\"}").enabled());
    }

    @Test
    void aWronglyTypedFieldIsNamed() {
        String d = descriptionOf("{\"client_id\":5}");
        assertTrue(d.contains("'client_id' must be a string"), d);
        d = descriptionOf("{\"names\":\"x\"}");
        assertTrue(d.contains("'names' must be an array"), d);
        d = descriptionOf("{\"client_id\":987654}");
        assertFalse(d.contains("987654"), "submitted values are never echoed: " + d);
        d = descriptionOf("{\"enabled\":7}");
        assertTrue(d.contains("'enabled'"), d);
        d = descriptionOf("{\"names\":[1]}");
        assertTrue(d.contains("'names[0]' must be a string"), d);
    }

    @Test
    void malformedJsonSaysWhere() {
        assertTrue(descriptionOf("{\"client_id\":").startsWith("malformed JSON at line 1"));
        assertTrue(descriptionOf("{} trailing").startsWith("malformed JSON"));
    }

    @Test
    void aNonObjectBodyIsRefused() {
        assertEquals("the request body must be a JSON object", descriptionOf("[1,2]"));
    }
}
