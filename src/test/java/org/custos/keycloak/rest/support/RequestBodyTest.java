package org.custos.keycloak.rest.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.custos.keycloak.error.CustosException;
import org.junit.jupiter.api.Test;

class RequestBodyTest {

    record Dto(String name) {}

    private static jakarta.ws.rs.core.HttpHeaders headers(String contentType) {
        return new FakeHeaders(contentType);
    }

    @Test
    void aBodyOverTheLimitIs413() {
        CustosException e = assertThrows(
                CustosException.class, () -> RequestBody.of(new byte[11], headers("application/json"), 10));
        assertEquals(413, e.getStatus());
    }

    @Test
    void aNonJsonBodyIs415ButAnEmptyOneIsAnEmptyObject() {
        RequestBody text = RequestBody.of("hello".getBytes(), headers("text/plain"), 100);
        assertEquals(
                415,
                assertThrows(CustosException.class, () -> text.json(Dto.class)).getStatus());
        RequestBody empty = RequestBody.of(new byte[0], headers("text/plain"), 100);
        assertEquals(null, empty.json(Dto.class).name());
        RequestBody vendorJson =
                RequestBody.of("{\"name\":\"x\"}".getBytes(), headers("application/merge-patch+json"), 100);
        assertEquals("x", vendorJson.json(Dto.class).name());
    }

    @Test
    void formBodiesAreDecoded() {
        RequestBody form = RequestBody.of(
                "a=1&b=x%20y&c&=&b=z".getBytes(), headers("application/x-www-form-urlencoded; charset=UTF-8"), 100);
        assertTrue(form.isForm());
        assertEquals("1", form.form().getFirst("a"));
        assertEquals("x y", form.form().getFirst("b"));
        assertEquals(2, form.form().get("b").size());
        assertEquals("", form.form().getFirst("c"));
    }

    @Test
    void anUnparseableContentTypeIs415() {
        CustosException e = assertThrows(CustosException.class, () -> RequestBody.of(new byte[0], headers("///"), 10));
        assertEquals(415, e.getStatus());
    }

    /** Just enough of HttpHeaders for RequestBody, which reads only Content-Type. */
    private record FakeHeaders(String contentType) implements jakarta.ws.rs.core.HttpHeaders {
        @Override
        public java.util.List<String> getRequestHeader(String name) {
            return contentType == null ? java.util.List.of() : java.util.List.of(contentType);
        }

        @Override
        public String getHeaderString(String name) {
            return "Content-Type".equalsIgnoreCase(name) ? contentType : null;
        }

        @Override
        public jakarta.ws.rs.core.MultivaluedMap<String, String> getRequestHeaders() {
            return new jakarta.ws.rs.core.MultivaluedHashMap<>();
        }

        @Override
        public java.util.List<jakarta.ws.rs.core.MediaType> getAcceptableMediaTypes() {
            return java.util.List.of();
        }

        @Override
        public java.util.List<java.util.Locale> getAcceptableLanguages() {
            return java.util.List.of();
        }

        @Override
        public jakarta.ws.rs.core.MediaType getMediaType() {
            return null;
        }

        @Override
        public java.util.Locale getLanguage() {
            return null;
        }

        @Override
        public java.util.Map<String, jakarta.ws.rs.core.Cookie> getCookies() {
            return java.util.Map.of();
        }

        @Override
        public java.util.Date getDate() {
            return null;
        }

        @Override
        public int getLength() {
            return -1;
        }
    }
}
