import { useAdminClient, useRealm, ViewHeader } from "@keycloak/keycloak-admin-ui";
import type KeycloakAdminClient from "@keycloak/keycloak-admin-client";
import type GroupRepresentation from "@keycloak/keycloak-admin-client/lib/defs/groupRepresentation";
import { KeycloakDataTable, KeycloakSpinner, ListEmptyState, useFetch } from "@keycloak/keycloak-ui-shared";
import {
  Alert,
  Button,
  EmptyState,
  EmptyStateBody,
  FormSelect,
  FormSelectOption,
  PageSection,
} from "@patternfly/react-core";
import { DependencyList, PropsWithChildren, ReactNode, useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { reason, status } from "./api";

/** A Custos page: Keycloak's page header, then the content on a light section. */
export const CustosPage = ({ title, sub, children }: PropsWithChildren<{ title: string; sub?: string }>) => (
  <>
    <ViewHeader titleKey={title} subKey={sub} />
    <PageSection variant="light">{children}</PageSection>
  </>
);

export type Loaded<T> = { data?: T; error?: unknown; loading: boolean; reload: () => void };

/**
 * Loads with the console's admin client whenever the realm or a dependency changes. Keycloak's useFetch drops an
 * answer that comes after the page moved on; a refusal is kept (and shown by {@link Loading}), not sent to the
 * console's error page as useFetch alone would.
 */
export function useLoad<T>(load: (adminClient: KeycloakAdminClient) => Promise<T>, deps: DependencyList): Loaded<T> {
  const { adminClient } = useAdminClient();
  const { realm } = useRealm();
  const [tick, setTick] = useState(0);
  // `tick` names the load the state belongs to.
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean; tick: number }>({
    loading: true,
    tick,
  });
  useFetch(
    () => {
      // A reload keeps what is shown until the new answer comes; other data (another entity, realm, filter) does not.
      setState((s) => (s.tick !== tick ? { ...s, loading: true, tick } : { loading: true, tick }));
      return load(adminClient).then(
        (data) => ({ data, loading: false, tick }),
        (error: unknown) => ({ error, loading: false, tick }),
      );
    },
    setState,
    [adminClient, realm, tick, ...deps],
  );
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** A refused or failed load, in place of what it would have shown: 403 names what is missing. */
const Refusal = ({ error }: { error: unknown }) => {
  const { t } = useTranslation();
  const forbidden = status(error) === 403;
  return (
    <EmptyState data-testid={forbidden ? "custos-forbidden" : "custos-error"}>
      <EmptyStateBody>
        <Alert
          isInline
          variant={forbidden ? "warning" : "danger"}
          title={forbidden ? t("custosForbidden") : t("custosError")}
        >
          {reason(error)}
        </Alert>
      </EmptyStateBody>
    </EmptyState>
  );
};

/** What a load shows until it has data: a spinner, the refusal (403 names what is missing), or the error. */
export function Loading<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  if (loaded.error !== undefined) {
    return <Refusal error={loaded.error} />;
  }
  if (loaded.data === undefined) {
    return <KeycloakSpinner />;
  }
  return <>{children(loaded.data)}</>;
}

/** A "load more" row for keyset-paged lists. */
export const More = ({ onMore, hidden }: { onMore: () => void; hidden: boolean }) => {
  const { t } = useTranslation();
  return hidden ? null : (
    <Button variant="link" onClick={onMore} data-testid="custos-more">
      {t("custosMore")}
    </Button>
  );
};

export const when = (millis: string | number | undefined) => {
  const n = Number(millis);
  return !millis || Number.isNaN(n) || n <= 0 ? "" : new Date(n).toLocaleString();
};

/** A group tree as one list, parents before their sub-groups. */
export const flatten = (groups: GroupRepresentation[]): GroupRepresentation[] =>
  groups.flatMap((g) => [g, ...flatten(g.subGroups ?? [])]);

/** A filter's drop-down: the options by value (and label), with an "all" option first when {@code all} names it. */
export const Choice = ({
  label,
  value,
  options,
  onChange,
  all,
  testid,
}: {
  label: string;
  value: string;
  options: (string | [string, string])[];
  onChange: (value: string) => void;
  all?: string;
  testid?: string;
}) => (
  <FormSelect aria-label={label} value={value} onChange={(_e, v) => onChange(v)} data-testid={testid}>
    {all !== undefined && <FormSelectOption value="" label={all} />}
    {options.map((o) => {
      const [v, l] = typeof o === "string" ? [o, o] : o;
      return <FormSelectOption key={v} value={v} label={l} />;
    })}
  </FormSelect>
);

/** One column of a table: its header (a message key, or none) and what a row shows in it. */
export type Column<T> = { title?: string; cell: (row: T) => ReactNode };

/** What a {@link CustosTable} lists: rows already loaded, or a loader (paged on the server when `paginated`). */
export type TableSource<T> =
  | { rows: T[] }
  | {
      /** Called with the first row and how many to fetch: one past the page, which tells the pager a next exists. */
      load: (adminClient: KeycloakAdminClient, first: number, max: number) => Promise<T[]>;
      /** The filters: when one changes, the table starts again at its first page. */
      filters: (string | number | boolean | undefined)[];
      /** Changed to load the same page again (after a change the page made). */
      generation?: number;
      paginated?: boolean;
    };

type Keyed<T> = { id: string; row: T };

/**
 * Keycloak's data table (ui-shared's KeycloakDataTable: its pager, refresh, spinner and empty state) over a Custos
 * list. A refusal is shown in the table's place (403 names what is missing) instead of on the console's error page,
 * where the table's own fetch would send it. Rows are handed to the table wrapped with their key, so that a field of
 * ours named like a React prop (a secret's `key`) reaches the cell.
 */
export function CustosTable<T>({
  label,
  testid,
  columns,
  rowKey,
  source,
}: {
  label: string;
  testid: string;
  columns: Column<T>[];
  rowKey: (row: T, index: number) => string;
  source: TableSource<T>;
}) {
  const { t } = useTranslation();
  const { adminClient } = useAdminClient();
  const { realm } = useRealm();
  // A refusal belongs to the filters it answered: a late answer for others neither shows nor clears it.
  const [refusal, setRefusal] = useState<{ error: unknown; filters: string }>();
  const filters = JSON.stringify([realm, ...("filters" in source ? source.filters : [])]);
  const given = "rows" in source ? source.rows : undefined;
  // Keyed once per list: a new array would make the table load again (rowKey is a new function every render).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const keyed = useMemo(() => given?.map((row, i) => ({ id: rowKey(row, i), row })), [given]);
  const loader =
    keyed ??
    ("load" in source
      ? {
          signal: source.generation ?? 0,
          loader: async (first = 0, max = 11): Promise<Keyed<T>[]> => {
            try {
              const rows = await source.load(adminClient, first, max);
              setRefusal((r) => (r?.filters === filters ? undefined : r));
              return rows.map((row, i) => ({ id: rowKey(row, i), row }));
            } catch (error) {
              setRefusal({ error, filters });
              return [];
            }
          },
        }
      : []);
  return (
    <KeycloakDataTable<Keyed<T>>
      key={filters}
      ariaLabelKey={label}
      data-testid={testid}
      isPaginated={"paginated" in source && source.paginated}
      loader={loader}
      columns={columns.map((c, i) => ({
        name: `column-${i}`,
        displayKey: c.title ?? " ",
        cellRenderer: ({ row }: Keyed<T>) => <>{c.cell(row)}</>,
      }))}
      emptyState={
        refusal?.filters === filters ? (
          <Refusal error={refusal.error} />
        ) : (
          <ListEmptyState hasIcon={false} message={t("custosEmpty")} instructions="" />
        )
      }
    />
  );
}

/**
 * The table of the two lists paged by a cursor, "who has access" and "what a user can access": they grow by
 * {@link More}. Keycloak's data table pages by first and max, which these lists do not have (an offset into what a
 * user reaches costs the reach; bench/README.md); every other list is a {@link CustosTable}.
 */
export function Rows<T>({
  label,
  columns,
  rows,
  rowKey,
  rowTestid,
  testid,
}: {
  label: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T, index: number) => string;
  rowTestid?: (row: T) => string;
  testid: string;
}) {
  const { t } = useTranslation();
  return (
    <Table aria-label={label} variant="compact" data-testid={testid}>
      <Thead>
        <Tr>
          {columns.map((c, i) =>
            c.title ? <Th key={i}>{t(c.title)}</Th> : <Th key={i} screenReaderText={t("actions")} />,
          )}
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((row, i) => (
          <Tr key={rowKey(row, i)} data-testid={rowTestid?.(row)}>
            {columns.map((c, j) => (
              <Td key={j}>{c.cell(row)}</Td>
            ))}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
