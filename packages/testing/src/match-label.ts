/**
 * The placeholders' values when `text` is `template` filled in (`formatLabel` backwards), else null.
 * Pages are read through it, so a test finds "the masked number" or "the attempts" in any locale.
 *
 * @example matchLabel('Wrong attempts: {count}', 'Wrong attempts: 2') // { count: '2' }
 */
export function matchLabel(template: string, text: string): Record<string, string> | null {
  const names: string[] = [];
  const pattern = template
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (!name) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      return '(.+?)';
    })
    .join('');
  const match = new RegExp(`^${pattern}$`).exec(text);
  return match ? Object.fromEntries(names.map((name, i) => [name, match[i + 1] ?? ''])) : null;
}
