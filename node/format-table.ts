/** A column of a text table; numbers usually align right. */
export interface Column<Row> {
  header: string;
  value: (row: Row) => string;
  align?: 'left' | 'right';
  /** Styles a cell after padding, so that color codes do not upset the alignment. */
  style?: (text: string, row: Row) => string;
}

/** Formats rows as aligned columns separated by two spaces, with a header line. */
export function formatTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[], header = (s: string) => s): string {
  const cells = rows.map((row) => columns.map((column) => column.value(row)));
  // A loop, not Math.max(...cells): a spread of 100,000 rows overflows the stack.
  const widths = columns.map((column, i) => cells.reduce((width, r) => Math.max(width, r[i]!.length), column.header.length));
  const pad = (text: string, i: number) =>
    columns[i]!.align === 'right' ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
  const lines = [header(columns.map((c, i) => pad(c.header, i)).join('  ').trimEnd())];
  rows.forEach((row, r) => {
    const line = columns.map((column, i) => {
      const text = pad(cells[r]![i]!, i);
      return column.style ? column.style(text, row) : text;
    });
    lines.push(line.join('  ').trimEnd());
  });
  return `${lines.join('\n')}\n`;
}
