package org.custos.keycloak.service.authzen;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.representation.authzen.AuthZen;
import org.custos.keycloak.service.support.Paging;

/**
 * Paging of the AuthZEN searches: keyset, never offset — a token carries the last key returned, so a page starts
 * after it whatever was added or removed meanwhile: no result is repeated, and none that existed throughout is
 * skipped. A token also carries a digest of the search it belongs to; sent with a different search it is a 400, as
 * the specification asks.
 */
final class PageTokens {

    private static final String PREFIX = "az1.";

    private PageTokens() {}

    /** The page asked for: its size, and the key to start after (null: the first page). */
    record Position(String search, int limit, String after) {}

    static Position read(AuthZen.Page page, String kind, String... searchKey) {
        Integer asked = page == null ? null : page.limit();
        if (asked != null && (asked < 0 || asked > Paging.MAX_LIMIT)) {
            throw CustosException.invalidField("page.limit", "must be between 0 and " + Paging.MAX_LIMIT);
        }
        int limit = asked == null || asked == 0 ? Paging.DEFAULT_LIMIT : asked;
        String search = digest(kind, limit, searchKey);
        String token = page == null ? null : page.token();
        if (token == null || token.isEmpty()) {
            return new Position(search, limit, null);
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw CustosException.invalidField("page.token", "is not a token this server issued");
        }
        int dot = text.indexOf('.', PREFIX.length());
        if (!text.startsWith(PREFIX) || dot < 0) {
            throw CustosException.invalidField("page.token", "is not a token this server issued");
        }
        if (!text.substring(PREFIX.length(), dot).equals(search)) {
            throw CustosException.invalidField(
                    "page.token", "belongs to another search: keep subject, action, resource and limit unchanged");
        }
        return new Position(search, limit, text.substring(dot + 1));
    }

    static String next(Position position, String lastKey) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((PREFIX + position.search() + "." + lastKey).getBytes(StandardCharsets.UTF_8));
    }

    private static String digest(String kind, int limit, String... key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((kind + "\u0000" + limit).getBytes(StandardCharsets.UTF_8));
            for (String k : key) {
                sha.update(("\u0000" + k).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
