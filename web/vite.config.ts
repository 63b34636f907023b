import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { defineConfig } from 'vitest/config';

// The server serves web/dist at the site root and answers unknown non-/api paths with
// index.html, so assets use root paths and the router uses HTML5 history.
export default defineConfig({
  base: '/',
  plugins: [
    vue(),
    // Element Plus components (and their CSS) are imported where templates use them.
    Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false }),
  ],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  define: {
    // The server's Content-Security-Policy forbids eval: vue-i18n must interpret messages
    // instead of compiling them into functions.
    __INTLIFY_JIT_COMPILATION__: true,
    __INTLIFY_DROP_MESSAGE_COMPILER__: false,
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    // `npm run dev` talks to a kam server on :8080 (`make run`, or KAM_API=http://host:port).
    proxy: { '/api': process.env.KAM_API ?? 'http://127.0.0.1:8080' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The ECharts chunk (only the charts the dashboard draws) is just above Vite's 500 kB.
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      output: {
        // ECharts changes less often than the dashboard: its own chunk stays cached across
        // releases. The rest is split by route. (Assigning Element Plus to a manual chunk
        // would pull in every component its index re-exports.)
        manualChunks: (id) => (/\/node_modules\/(echarts|zrender)\//.test(id) ? 'echarts' : undefined),
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['tests/unit/**/*.spec.ts'],
    setupFiles: ['tests/unit/setup.ts'],
    css: false,
    // Tests share the machine with the C++ suites (ctest -j): the 5 s default failed there
    // while the same test passed alone. Nothing here is timed; the bound only ends a hang.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    server: { deps: { inline: ['element-plus'] } },
  },
});
