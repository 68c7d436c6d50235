import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// In development the Fastify server runs on :3000; proxying keeps the app same-origin, so session
// cookies and the relative "/trpc" URL behave exactly as in production, where Fastify serves dist/.
// BOOKABLE_SERVER_URL points the proxy elsewhere, e.g. when :3000 is taken by another checkout.
const serverOrigin = process.env.BOOKABLE_SERVER_URL ?? "http://localhost:3000";
const serverPaths = ["/trpc", "/api", "/auth/oauth", "/.well-known", "/healthz", "/readyz"];

export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: {
    proxy: Object.fromEntries(serverPaths.map((path) => [path, { target: serverOrigin, changeOrigin: false }])),
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
  },
});
