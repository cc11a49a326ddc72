import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateCatalogue, loadCatalogue } from './catalogue.js';
import { diffCatalogues } from './catalogue-diff.js';
import { catalogueFiles } from './cli.js';
import { formatGherkin, formatMarkdown } from './format.js';
import { CatalogueLimitError } from './model.js';
import type { LoginCatalogue } from './path.types.js';

const committed = loadCatalogue();
const generated = generateCatalogue();

describe('the committed catalogue', () => {
  it('is the catalogue of the machine as it is now (else review the diff and run pnpm paths --update)', () => {
    const changes = diffCatalogues(committed, generated);
    expect(
      changes,
      `The machine's catalogue differs from the committed one:\n${changes.join('\n')}\n`,
    ).toEqual([]);
  });

  it('has its Markdown and Gherkin renderings committed beside it, up to date', () => {
    expect(readFileSync(catalogueFiles.markdown, 'utf8')).toBe(`${formatMarkdown(committed.paths)}\n`);
    expect(readFileSync(catalogueFiles.gherkin, 'utf8')).toBe(formatGherkin(committed.paths));
  });

  it('names each path by its actions alone, once', () => {
    const ids = committed.paths.map((path) => path.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const path of committed.paths) {
      expect(path.id.split('.')).toHaveLength(Math.max(1, path.steps.length));
    }
  });
});

describe('the catalogue diff', () => {
  const changed = (edit: (catalogue: LoginCatalogue) => void) => {
    const copy = structuredClone(committed);
    edit(copy);
    return diffCatalogues(committed, copy);
  };
  const target = committed.paths.find((path) => path.steps.length >= 4);
  if (!target) throw new Error('no path of 4 steps');
  const at = (catalogue: LoginCatalogue) => {
    const path = catalogue.paths.find((candidate) => candidate.id === target.id);
    if (!path) throw new Error('the path is gone');
    return path;
  };

  it('says which step of which path now expects what, on the same id', () => {
    const lines = changed((catalogue) => {
      const step = at(catalogue).steps[3];
      if (step) step.expect.value = 'idle';
    });
    expect(lines).toEqual([
      `${target.id}: step 4 now expects value "idle", was ${JSON.stringify(target.steps[3]?.expect.value)}`,
    ]);
  });

  it('names effects, added and removed paths, and the ignored-events table', () => {
    const lines = changed((catalogue) => {
      const step = at(catalogue).steps[0];
      if (step) step.effects.storageWrites = ['clear'];
      catalogue.paths = catalogue.paths.filter((path) => path.id !== committed.paths[0]?.id);
      const entry = catalogue.ignored[0];
      if (entry) entry.ignored = entry.ignored.slice(1);
    });
    expect(lines.join('\n')).toContain(`${target.id}: step 1 effects: storageWrites now ["clear"]`);
    expect(lines.join('\n')).toContain(`- ${committed.paths[0]?.id}: path removed`);
    expect(lines.join('\n')).toContain(`ignored in ${committed.ignored[0]?.state}: no longer ignores`);
  });
});

describe('generation limits', () => {
  it('stops a generation that takes too many steps, saying what to do', () => {
    expect(() => generateCatalogue({ maxSteps: 50 })).toThrow(CatalogueLimitError);
    expect(() => generateCatalogue({ maxSteps: 50 })).toThrow(/more than 50 model steps.*may loop/);
  });

  it('stops a generation that takes too long', () => {
    expect(() => generateCatalogue({ timeoutMs: 0 })).toThrow(/more than 0 ms/);
  });
});
