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
    // Wrap every CommonJS module the same way: with the default ("auto"), whether a module
    // of CodeMirror got wrapped depended on which importer rollup reached first, and the
    // bytes of the GraphiQL chunk changed from one build to the next.
    commonjsOptions: { strictRequires: true },
    rollupOptions: {
      input: {
        index: resolve(__dirname, "index.html"),
        graphiql: resolve(__dirname, "graphiql.html"),
      },
      output: {
        // Fixed chunks: rollup's own splitting of GraphiQL's many lazily imported
        // CodeMirror modules differed from one install to the next, and CI compares bytes.
        manualChunks(id) {
          const m = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(id);
          if (!m) return undefined;
          const pkg = (m[1] ?? "").replace(/\\/g, "/");
          if (["react", "react-dom", "scheduler"].includes(pkg)) return "react";
          if (["graphql", "graphql-ws"].includes(pkg)) return "graphql";
          if (["urql", "@urql/core", "@0no-co/graphql.web", "wonka", "react-router", "react-router-dom", "@remix-run/router"].includes(pkg))
            return "urql";
          return "graphiql-vendor";
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
