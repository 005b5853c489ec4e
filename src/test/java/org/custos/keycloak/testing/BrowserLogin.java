package org.custos.keycloak.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a browser does to get an authorization code from Keycloak's login page: open the authorization endpoint,
 * post the login form with its cookies, and read the code from the redirect. Real Keycloak pages, no shortcut.
 */
public final class BrowserLogin {

    private static final Pattern FORM_ACTION =
            Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");

    private BrowserLogin() {}

    /** An authorization code of {@code clientId} for the user, redirected to {@code redirectUri}. */
    public static String code(String realmUrl, String clientId, String redirectUri, String username, String password) {
        // Cookies by hand: Keycloak marks them Secure even on http://localhost, which java.net's cookie store drops.
        HttpClient browser = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        try {
            HttpResponse<String> page = browser.send(
                    HttpRequest.newBuilder(URI.create(realmUrl
                                    + "/protocol/openid-connect/auth?response_type=code&scope=openid&client_id="
                                    + enc(clientId)
                                    + "&redirect_uri=" + enc(redirectUri) + "&state=s1"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher action = FORM_ACTION.matcher(page.body());
            if (page.statusCode() != 200 || !action.find()) {
                throw new IllegalStateException("no login form: " + page.statusCode());
            }
            String cookies = String.join(
                    "; ",
                    page.headers().allValues("Set-Cookie").stream()
                            .map(c -> c.split(";", 2)[0])
                            .toList());
            String form = "username=" + enc(username) + "&password=" + enc(password) + "&credentialId=";
            HttpResponse<String> login = browser.send(
                    HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Cookie", cookies)
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String location = login.headers().firstValue("Location").orElse("");
            Matcher code = CODE.matcher(location);
            if (login.statusCode() != 302 || !location.startsWith(redirectUri) || !code.find()) {
                throw new IllegalStateException("login did not redirect with a code: " + login.statusCode());
            }
            return java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
