import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

export default defineConfig({
  root: 'client',
  plugins: [
    react(),
    // gzip and brotli copies of the assets, made once here, so the server sends them without
    // compressing the map library (about 1 MB) again for every visitor while they wait.
    compression({ algorithms: ['gzip', 'brotliCompress'], include: /\.(js|css|geojson|svg|json)$/, exclude: /\.map$/ }),
  ],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:8080', '/tiles': 'http://localhost:8080' },
  },
});
