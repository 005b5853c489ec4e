// ESLint for the Custos admin theme (npm run lint; build.sh runs it before tsc, so mvn package fails on a finding).
// Formatting is Prettier's (.prettierrc.json), not ESLint's.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores(["node_modules/"]),
  js.configs.recommended,
  // Type-aware: catches promises left floating or handed where nothing awaits them, and `any` leaking out.
  tseslint.configs.recommendedTypeChecked,
  react.configs.flat.recommended,
  react.configs.flat["jsx-runtime"],
  reactHooks.configs.flat["recommended-latest"],
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser },
    },
    settings: { react: { version: "detect" } },
    rules: {
      // Hooks' dependencies are checked as errors, not warnings.
      "react-hooks/exhaustive-deps": "error",
      // Types say what a component takes.
      "react/prop-types": "off",
      // A page calls the server from async event handlers (onClick={save}); each handles its own rejection, so JSX
      // attributes may take them. Floating promises elsewhere are still errors.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
    },
  },
  // The build's own files (this one, vite.config.ts, scripts/) run in Node and are outside tsconfig.json's program.
  {
    files: ["*.js", "*.ts", "scripts/**"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
  },
);
