import react from "@vitejs/plugin-react-swc";
import { defineConfig } from "vite";

// The Custos admin theme: the whole Keycloak admin console (@keycloak/keycloak-admin-ui at the server's version)
// plus the Custos section, written where Keycloak reads an admin theme's resources (.vite/manifest.json names the
// entry; keycloak.v2's index.ftl, inherited, loads it). Maven packs target/classes into the jar.
export default defineConfig({
  plugins: [react()],
  base: "",
  build: {
    outDir: "../target/classes/theme/custos/admin/resources",
    emptyOutDir: true,
    manifest: true,
    sourcemap: false,
    target: "esnext",
    modulePreload: false,
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: "src/main.tsx",
      // Served by the import map of keycloak.v2's admin index.ftl (Keycloak's own React).
      external: ["react", "react/jsx-runtime", "react-dom"],
    },
  },
});
