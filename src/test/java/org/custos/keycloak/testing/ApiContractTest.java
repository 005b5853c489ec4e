package org.custos.keycloak.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract check itself: it must catch each way an answer can drift from the document. */
class ApiContractTest {

    private static final String URL = "http://localhost/realms/r/custos/sharing-management/v1.0.0/entity?entity.id=a";
    private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"));

    private static String entity(String extra) {
        return "{\"id\":\"a\",\"type\":\"DOC\",\"owner_id\":\"alice\",\"parent_id\":\"\","
                + "\"name\":\"n\",\"description\":\"\","
                + "\"binary_data\":\"\",\"full_text\":\"\",\"original_creation_time\":\"1\",\"created_at\":\"1\","
                + "\"updated_at\":\"1\"" + extra + "}";
    }

    private static void check(int status, String body) {
        List<String> problems = ApiContract.problems("GET", URL, status, JSON, body);
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.toString());
        }
    }

    @Test
    void aDocumentedAnswerPasses() {
        assertDoesNotThrow(() -> check(200, entity(",\"shared_count\":1")));
        assertDoesNotThrow(() -> check(404, "{\"error\":\"not_found\",\"error_description\":\"x\"}"));
    }

    @Test
    void aWrongTypeFails() {
        assertThrows(AssertionError.class, () -> check(200, entity(",\"shared_count\":\"one\"")));
    }

    @Test
    void anUndocumentedFieldFails() {
        assertThrows(AssertionError.class, () -> check(200, entity(",\"shared_count\":1,\"secret\":\"x\"")));
    }

    @Test
    void aMissingFieldFails() {
        assertThrows(AssertionError.class, () -> check(200, entity("")));
    }

    @Test
    void anUndocumentedStatusFails() {
        assertThrows(AssertionError.class, () -> check(418, "{\"error\":\"teapot\",\"error_description\":\"x\"}"));
    }

    @Test
    void pathsOutsideCustosAreNotChecked() {
        assertEquals(List.of(), ApiContract.problems("GET", "http://localhost/admin/realms/r/users", 200, JSON, "[]"));
    }
}
