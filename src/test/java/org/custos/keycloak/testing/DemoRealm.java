package org.custos.keycloak.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The demo realm the run command imports ({@code docker/realm-import/custos-demo-realm.json}), for tests. */
public final class DemoRealm {

    public static final String NAME = "custos-demo";
    public static final String CLIENT = "custos-demo-backend";
    public static final String SECRET = "custos-demo-backend-secret";

    private DemoRealm() {}

    /** Imports the demo realm afresh (deleting a previous copy) and returns the admin API used. */
    public static AdminApi importFresh() {
        AdminApi admin = new AdminApi(KeycloakServer.get());
        admin.deleteRealm(NAME);
        try {
            admin.createRealm((ObjectNode)
                    Http.JSON.readTree(Files.readString(Path.of(System.getProperty("custos.demo.realm")))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return admin;
    }
}
