import { defineConfig } from "vitest/config";
import path from "node:path";

// Integration files run two at a time (WARDWATCH_TEST_WORKERS=n for another number; 1 runs them one by one).
// Vitest's own default is one worker fewer than the cores: 1 on the 2-core CI machine, where much
// of an integration file's time is spent waiting (on the PostgreSQL server, a child process, a
// server starting), not computing: a second file uses that time (docs/decisions/034-*).
const workers = Math.max(1, Number.parseInt(process.env.WARDWATCH_TEST_WORKERS ?? "", 10) || 2);

const alias = { "@": path.resolve(import.meta.dirname), "server-only": path.resolve(import.meta.dirname, "tests/setup/server-only.ts") };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        // Vitest's own number of workers: on 2 cores one. Two were not faster here (156 s against
        // 75 s, one round each on the busy machine, 7 December): unit files compute, they do not wait.
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts", "tests/cluster/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // A folder for the run's template databases (tests/setup/templates.ts), removed at the end.
          globalSetup: ["tests/setup/global-templates.ts"],
          // Files run side by side, each in a process of its own: every file owns its databases
          // (random names, copies of the run's templates), its folders (mkdtemp) and its ports (0,
          // or a fixed one no other file uses: shutdown 3207, cluster 3460–3462, replica 3470);
          // the app's build is shared through scripts/start.ts's build lock.
          maxWorkers: workers,
          // After the unit project when both run in one command (projects with different numbers
          // of workers need an order of their own).
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
