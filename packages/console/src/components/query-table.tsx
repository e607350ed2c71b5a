import { Table } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ScrollTable } from './scroll-table';
import { EmptyState, ErrorState, LoadingState } from './states';

export interface QueryTableProps<Row> {
  /** The API's answer: a list of rows. */
  query: UseQueryResult<Row[]>;
  /** The table's name for screen readers (and its scroll region's). */
  label: string;
  /** Below this width the table scrolls sideways instead of squeezing its columns. */
  minWidth: number;
  /** What is loading, in words ("Loading the webhooks…"). */
  loading: string;
  /** What an empty list means and what to do about it. */
  empty: { title: string; text: ReactNode };
  columns: readonly string[];
  /** One `<Table.Tr>` per row, keyed. */
  children: (rows: Row[]) => ReactNode;
}

/**
 * A list the API answers, shown as a table with the states every screen owes a person: loading,
 * the error with a retry, an empty list that says what to do, then the rows.
 */
export function QueryTable<Row>({ query, label, minWidth, loading, empty, columns, children }: QueryTableProps<Row>) {
  if (query.isPending) return <LoadingState label={loading} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.length === 0) return <EmptyState title={empty.title}>{empty.text}</EmptyState>;
  return (
    <ScrollTable label={label} minWidth={minWidth}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column} scope="col">
                {column}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children(query.data)}</Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
