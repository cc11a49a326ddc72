/**
 * Draws the site's ```mermaid blocks in the browser with the Mermaid the QA report ships
 * (`/report/mermaid.min.js`, copied there by `pnpm paths --html`), loaded on the first page that has
 * one. Bundling Mermaid into the site through Vite (vitepress-plugin-mermaid) took most of the
 * docs build's time for one diagram.
 */
interface MermaidApi {
  initialize(config: { startOnLoad: boolean; securityLevel: 'strict' }): void;
  render(id: string, text: string): Promise<{ svg: string }>;
}

let loading: Promise<MermaidApi> | undefined;

function loadMermaid(src: string): Promise<MermaidApi> {
  loading ??= new Promise<MermaidApi>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => {
      const mermaid = (window as { mermaid?: MermaidApi }).mermaid;
      if (!mermaid) return reject(new Error(`${src} did not define mermaid`));
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
      resolve(mermaid);
    };
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
  return loading;
}

/** Replaces each ```mermaid code block of the page with its drawing; the source stays as its title. */
export async function drawMermaidBlocks(src: string): Promise<void> {
  const blocks = [...document.querySelectorAll<HTMLElement>('div.language-mermaid')];
  if (!blocks.length) return;
  const mermaid = await loadMermaid(src);
  for (const [index, block] of blocks.entries()) {
    const text = block.querySelector('code')?.textContent ?? '';
    const { svg } = await mermaid.render(`mermaid-diagram-${index}`, text);
    const figure = document.createElement('div');
    figure.className = 'mermaid-diagram';
    figure.innerHTML = svg;
    block.replaceWith(figure);
  }
}
