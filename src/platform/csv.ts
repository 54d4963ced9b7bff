/**
 * One CSV cell: quoted when it holds a comma, quote or line break; a cell a spreadsheet would run as
 * a formula (=, +, -, @ first) is defused with a leading apostrophe (OWASP's CSV-injection advice).
 */
export function csvCell(value: string): string {
  return /[",\n\r]/.test(value) || /^[=+\-@]/.test(value)
    ? `"${(/^[=+\-@]/.test(value) ? `'${value}` : value).replace(/"/g, '""')}"`
    : value;
}

/** Rows of cells as a CSV document ending in a line break. */
export function csvDocument(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\n')}\n`;
}
