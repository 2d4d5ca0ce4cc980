import { resolve } from "node:path";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const server = process.env.RELEASEGRAPH_DEV_SERVER ?? "http://127.0.0.1:8765";

export default defineConfig({
  base: "/",
  plugins: [react()],
  build: {
    outDir: "../src/releasegraph/web/dist",
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: {
        index: resolve(__dirname, "index.html"),
        graphiql: resolve(__dirname, "graphiql.html"),
      },
      output: {
        manualChunks(id) {
          if (/[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/.test(id)) return "react";
          return undefined;
        },
      },
    },
  },
  preview: {
    proxy: {
      "/graphql": { target: server, ws: true, changeOrigin: true },
    },
  },
  server: {
    proxy: {
      "/graphql": { target: server, ws: true, changeOrigin: true },
    },
  },
});
