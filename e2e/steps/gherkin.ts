import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AstBuilder, compile, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import { ScenarioBuilder, type ScenarioPlan } from './scenario.js';

/** A scenario (or one row of a scenario outline) as the reference Gherkin compiler makes it. */
export type Pickle = ReturnType<typeof compile>[number];

/** A scenario of the feature: its pickle, and the keywords as written (pickles keep only the step types). */
export interface FeatureScenario {
  pickle: Pickle;
  /** `Given`, `When`, `Then`, `And`… per pickle step, as the feature writes them. */
  keywords: string[];
  tags: string[];
}

/**
 * Reads a feature file with the reference parser (`@cucumber/gherkin`): Background steps are part
 * of every scenario, and a Scenario Outline becomes one scenario a row of its Examples.
 */
export function loadFeature(file: URL | string): FeatureScenario[] {
  const path = typeof file === 'string' ? file : fileURLToPath(file);
  let next = 0;
  const newId = () => String(next++);
  const document = new Parser(new AstBuilder(newId), new GherkinClassicTokenMatcher()).parse(
    readFileSync(path, 'utf8'),
  );
  const keywordOf = new Map<string, string>();
  for (const child of document.feature?.children ?? []) {
    for (const step of [...(child.background?.steps ?? []), ...(child.scenario?.steps ?? [])]) {
      keywordOf.set(step.id, step.keyword.trim());
    }
  }
  return compile(document, path, newId).map((pickle) => ({
    pickle,
    keywords: pickle.steps.map((step) => keywordOf.get(step.astNodeIds[0] ?? '') ?? '*'),
    tags: pickle.tags.map((tag) => tag.name),
  }));
}

/** A step definition: a pattern, and what the line adds to the scenario being compiled. */
export interface StepDefinition {
  /** The pattern: `{string}` a quoted value, `{int}` a whole number, `{text}` anything. */
  expression: string;
  regex: RegExp;
  apply(scenario: ScenarioBuilder, ...values: string[]): void;
}

const parameters: Record<string, string> = {
  '{string}': '"([^"]*)"',
  '{int}': '(-?\\d+)',
  '{text}': '(.+?)',
};

/** A step definition from an expression such as `I enter the phone number {string} {string}`. */
export function defineStep(
  expression: string,
  apply: (scenario: ScenarioBuilder, ...values: string[]) => void,
): StepDefinition {
  const source = expression
    .split(/(\{string\}|\{int\}|\{text\})/)
    .map((part) => parameters[part] ?? part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('');
  return { expression, regex: new RegExp(`^${source}$`), apply };
}

/** The one definition a line matches, with its values; throws naming the line when none or several do. */
export function matchStep(
  definitions: readonly StepDefinition[],
  text: string,
): { definition: StepDefinition; values: string[] } {
  const matches = definitions.flatMap((definition) => {
    const match = definition.regex.exec(text);
    return match ? [{ definition, values: match.slice(1) }] : [];
  });
  const [only, ...others] = matches;
  if (!only) throw new Error(`no step definition matches "${text}"`);
  if (others.length) {
    const expressions = matches.map(({ definition }) => definition.expression).join('", "');
    throw new Error(`several step definitions match "${text}": "${expressions}"`);
  }
  return only;
}

/**
 * Compiles a scenario with the step definitions, reading it to its end first (so a server's answer can
 * be prepared before the request it answers). The path's id is the `@id:` tag, or the `<id>` an
 * outline's title starts with.
 */
export function compileScenario(
  scenario: FeatureScenario,
  definitions: readonly StepDefinition[],
): ScenarioPlan {
  const { pickle, keywords, tags } = scenario;
  const builder = new ScenarioBuilder();
  for (const [i, step] of pickle.steps.entries()) {
    builder.current = { keyword: keywords[i] ?? '*', text: step.text };
    const { definition, values } = matchStep(definitions, step.text);
    try {
      definition.apply(builder, ...values);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`${pickle.name}: "${step.text}": ${reason}`, { cause: error });
    }
  }
  const tagged = tags.find((tag) => tag.startsWith('@id:'))?.slice('@id:'.length);
  const titled = pickle.name.slice(0, Math.max(0, pickle.name.indexOf(': ')));
  const id = tagged && titled.startsWith(tagged) ? titled : (tagged ?? pickle.name);
  return builder.build({ id, name: pickle.name, tags });
}
