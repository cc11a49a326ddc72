/** Formatting of the figures and the summary table. */

export interface Figure {
  name: string;
  value: string;
  budget: string;
  /** `undefined` for a figure printed for scale only. */
  pass?: boolean;
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
export const int = (value: number) => Math.round(value).toLocaleString('en-US');
export const bytes = (value: number) => `${int(value)} B`;
export const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;

/** Columns padded to their widest cell; numbers-like columns aligned right. */
export function table(header: string[], rows: string[][], rightAligned: number[] = []): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (row: string[]) =>
    row
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return rightAligned.includes(column) ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

const verdict = (figure: Figure) => (figure.pass === undefined ? 'info' : figure.pass ? 'PASS' : 'FAIL');

export function summary(figures: Figure[]): string {
  return table(
    ['figure', 'measured', 'budget', 'result'],
    figures.map((figure) => [figure.name, figure.value, figure.budget, verdict(figure)]),
    [1],
  );
}
