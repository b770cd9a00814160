import { Skeleton, Table } from '@mantine/core';

/**
 * Placeholder rows while a table's first page loads: `rows` × `columns` bars at 70% of the cell,
 * with an optional narrow bar where a column holds only an action button.
 */
export function TableSkeletonRows({ rows, columns, narrow, testId }: { rows: number; columns: number; narrow?: { column: number; width: number }; testId?: string }) {
  return Array.from({ length: rows }, (_, i) => (
    <Table.Tr key={i} data-testid={testId}>
      {Array.from({ length: columns }, (_, j) => (
        <Table.Td key={j}>
          <Skeleton height={14} radius="sm" width={narrow?.column === j ? narrow.width : '70%'} />
        </Table.Td>
      ))}
    </Table.Tr>
  ));
}
