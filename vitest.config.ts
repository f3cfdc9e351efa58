import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    reporters: ["default", "./tests/helpers/summaryReporter.ts"],
    // Grafana's packages (the dashboard tests) ship ESM that imports CSS and CommonJS: let vite transform them
    server: { deps: { inline: [/@grafana\//, /@rc-component\//] } },
  },
});
