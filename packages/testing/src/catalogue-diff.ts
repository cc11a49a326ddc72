import type { IgnoredInState, LoginCatalogue, LoginPath, PathStep } from './path.types.js';

const show = (value: unknown) => JSON.stringify(value);

/** Field by field, what changed between two records of the same kind: `busy now true, was false`. */
function fieldChanges(before: object, after: object, now = ' now '): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changes: string[] = [];
  for (const key of keys) {
    const was = (before as Record<string, unknown>)[key];
    const is = (after as Record<string, unknown>)[key];
    if (show(was) !== show(is)) changes.push(`${key}${now}${show(is)}, was ${show(was)}`);
  }
  return changes;
}

function stepChanges(where: string, before: PathStep | undefined, after: PathStep | undefined): string[] {
  if (!before || !after) {
    return [`${where} ${after ? `is new: ${after.description}` : `is gone: ${before?.description}`}`];
  }
  const lines: string[] = [];
  const expectChanges = fieldChanges(before.expect, after.expect, ' ');
  if (expectChanges.length) lines.push(`${where} now expects ${expectChanges.join('; ')}`);
  const effectChanges = fieldChanges(before.effects, after.effects);
  if (effectChanges.length) lines.push(`${where} effects: ${effectChanges.join('; ')}`);
  for (const key of ['description', 'action', 'transitions', 'calls'] as const) {
    if (show(before[key]) !== show(after[key]))
      lines.push(`${where} ${key} now ${show(after[key])}, was ${show(before[key])}`);
  }
  return lines;
}

function pathChanges(before: LoginPath, after: LoginPath): string[] {
  const lines: string[] = [];
  const initial = fieldChanges(before.initial, after.initial, ' ');
  if (initial.length) lines.push(`${after.id}: the start now expects ${initial.join('; ')}`);
  for (const key of ['strategy', 'description', 'startsAt', 'tags'] as const) {
    if (show(before[key]) !== show(after[key]))
      lines.push(`${after.id}: ${key} now ${show(after[key])}, was ${show(before[key])}`);
  }
  const count = Math.max(before.steps.length, after.steps.length);
  for (let i = 0; i < count; i++) {
    lines.push(...stepChanges(`${after.id}: step ${i + 1}`, before.steps[i], after.steps[i]));
  }
  const examples = new Map((before.examples ?? []).map((example) => [example.case, example]));
  for (const example of after.examples ?? []) {
    const was = examples.get(example.case);
    examples.delete(example.case);
    const where = `${after.id}: example ${example.case}`;
    if (!was) lines.push(`${where} is new`);
    else lines.push(...stepChanges(where, { ...was, calls: [] }, { ...example, calls: [] }));
  }
  for (const gone of examples.keys()) lines.push(`${after.id}: example ${gone} is gone`);
  return lines;
}

function ignoredChanges(before: readonly IgnoredInState[], after: readonly IgnoredInState[]): string[] {
  const lines: string[] = [];
  const was = new Map(before.map((entry) => [entry.state, entry]));
  for (const entry of after) {
    const old = was.get(entry.state);
    was.delete(entry.state);
    const cases = entry.ignored.map((event) => event.case);
    if (!old) {
      lines.push(`ignored in ${entry.state}: new state, ignores ${cases.join(', ') || 'nothing'}`);
      continue;
    }
    const oldCases = old.ignored.map((event) => event.case);
    const added = cases.filter((c) => !oldCases.includes(c));
    const removed = oldCases.filter((c) => !cases.includes(c));
    if (added.length) lines.push(`ignored in ${entry.state}: now also ignores ${added.join(', ')}`);
    if (removed.length) lines.push(`ignored in ${entry.state}: no longer ignores ${removed.join(', ')}`);
    if (old.via !== entry.via || old.steps !== entry.steps) {
      lines.push(
        `ignored in ${entry.state}: now reached by ${entry.via} (${entry.steps} steps), was ${old.via} (${old.steps})`,
      );
    }
    if (show(old.ignored) !== show(entry.ignored) && !added.length && !removed.length) {
      lines.push(`ignored in ${entry.state}: the events' details changed`);
    }
  }
  for (const gone of was.keys()) lines.push(`ignored in ${gone}: the state is gone`);
  return lines;
}

/**
 * What changed from the committed catalogue to a regenerated one, one line a change, in words a
 * reviewer reads: `empty.phone.sent.wrong-code: step 4 now expects value "idle", was "awaitingOtp"`.
 * Paths are matched by id, which depends on their actions only. Empty when they are the same.
 */
export function diffCatalogues(before: LoginCatalogue, after: LoginCatalogue): string[] {
  const lines: string[] = [];
  const options = fieldChanges(before.machineOptions, after.machineOptions);
  if (options.length) lines.push(`machine options: ${options.join('; ')}`);
  const was = new Map(before.paths.map((path) => [path.id, path]));
  for (const path of after.paths) {
    const old = was.get(path.id);
    was.delete(path.id);
    if (!old) lines.push(`+ ${path.id}: new path (${path.strategy}): ${path.description}`);
    else lines.push(...pathChanges(old, path));
  }
  for (const [id, path] of was) lines.push(`- ${id}: path removed (${path.strategy}): ${path.description}`);
  lines.push(...ignoredChanges(before.ignored, after.ignored));
  return lines;
}
