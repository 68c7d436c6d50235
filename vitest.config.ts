import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["{apps,packages}/*/src/**/*.test.{ts,tsx}"],
    globalSetup: ["./vitest.global-setup.ts"],
    // Integration tests open real databases and a real browser; a slow CI machine needs headroom.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default"],
  },
});
