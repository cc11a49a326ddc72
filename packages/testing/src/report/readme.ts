import { readFileSync, writeFileSync } from 'node:fs';
import { machineFlowchart } from './diagram.js';

/** The comment that opens the README's machine diagram. */
export const readmeDiagramStart = '<!-- machine-diagram:start -->';
/** The comment that closes the README's machine diagram. */
export const readmeDiagramEnd = '<!-- machine-diagram:end -->';

/** What belongs between the README's markers: {@link machineFlowchart} without coverage, as a `mermaid` block. */
export function readmeDiagram(): string {
  return `\`\`\`mermaid\n${machineFlowchart()}\`\`\``;
}

/** Where the markers are, or why they cannot be used. */
function findBlock(text: string, file: string): { from: number; to: number } {
  const start = text.indexOf(readmeDiagramStart);
  const end = text.indexOf(readmeDiagramEnd);
  if (start < 0 || end < 0 || end < start || text.indexOf(readmeDiagramStart, start + 1) >= 0) {
    throw new Error(`${file}: needs one ${readmeDiagramStart} … ${readmeDiagramEnd} block, in that order`);
  }
  return { from: start + readmeDiagramStart.length, to: end };
}

/**
 * The machine diagram in a README (the text between its markers, trimmed), to compare with
 * {@link readmeDiagram}. Throws when the markers are missing.
 */
export function readReadmeDiagram(readmePath: string): string {
  const text = readFileSync(readmePath, 'utf8');
  const { from, to } = findBlock(text, readmePath);
  return text.slice(from, to).trim();
}

/**
 * Rewrites the machine diagram between the README's markers from the machine; returns whether the
 * file changed. Throws when the markers are missing.
 * @example
 * updateReadmeDiagram('README.md'); // in `pnpm paths --update`
 */
export function updateReadmeDiagram(readmePath: string): boolean {
  const text = readFileSync(readmePath, 'utf8');
  const { from, to } = findBlock(text, readmePath);
  const next = `${text.slice(0, from)}\n${readmeDiagram()}\n${text.slice(to)}`;
  if (next === text) return false;
  writeFileSync(readmePath, next);
  return true;
}
