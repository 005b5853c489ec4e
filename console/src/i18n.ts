import { createInstance } from "i18next";
import FetchBackend from "i18next-fetch-backend";
import { initReactI18next } from "react-i18next";
import { environment } from "./environment";

type KeyValue = { key: string; value: string };

// Modelled on @keycloak/keycloak-admin-ui 26.7.3, js/apps/admin-ui/src/i18n/i18n.ts (not exported; listed in
// scripts/check-admin-ui-copies.mjs): one namespace per realm, as RealmContextProvider calls
// i18n.loadNamespaces(realm) + setDefaultNamespace(realm).
export const i18n = createInstance({
  fallbackLng: "en",
  keySeparator: ".",
  nsSeparator: false,
  interpolation: { escapeValue: false },
  defaultNS: [environment.realm],
  ns: [environment.realm],
  backend: {
    loadPath: `${environment.adminBaseUrl}/resources/{{ns}}/admin/{{lng}}`,
    parse: (data: string) => {
      const messages = JSON.parse(data) as KeyValue[];
      return Object.fromEntries(messages.map(({ key, value }) => [key, value]));
    },
  },
});

i18n.use(FetchBackend);
i18n.use(initReactI18next);
