import { useRoute, withBase } from 'vitepress';
import DefaultTheme from 'vitepress/theme';
import { nextTick, onMounted, watch } from 'vue';
import { drawMermaidBlocks } from './mermaid.js';

/** The default theme, with the ```mermaid blocks drawn (see mermaid.ts). */
export default {
  extends: DefaultTheme,
  setup() {
    const route = useRoute();
    const draw = () => {
      drawMermaidBlocks(withBase('/report/mermaid.min.js')).catch((error: unknown) => console.error(error));
    };
    onMounted(draw);
    watch(
      () => route.path,
      () => nextTick(draw),
    );
  },
};
