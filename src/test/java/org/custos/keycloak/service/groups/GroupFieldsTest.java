package org.custos.keycloak.service.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.service.support.AttributeValues;
import org.junit.jupiter.api.Test;

class GroupFieldsTest {

    @Test
    void attributesAreKeysWithValues() {
        assertEquals(
                Map.of("lab", List.of("a", "b")),
                GroupFields.attributeMap(List.of(new AttributeValues("lab", List.of("a", "b")))));
    }

    @Test
    void aMissingKeyOrAMissingValueIsTheCallersError() {
        for (AttributeValues bad : Arrays.asList(
                null,
                new AttributeValues(null, List.of("a")),
                new AttributeValues(" ", List.of("a")),
                new AttributeValues("lab", null),
                new AttributeValues("lab", Arrays.asList("a", null)))) {
            CustosException e = assertThrows(
                    CustosException.class, () -> GroupFields.attributeMap(Arrays.asList(bad)), String.valueOf(bad));
            assertEquals(400, e.getStatus());
        }
    }
}
