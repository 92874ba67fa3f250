// Vitest global setup: a throwaway PostgreSQL cluster for the tests that need a real server.
// `WEB4_TRUST_TEST_PG=postgres://…` uses a server of your own instead. Without either (no
// PostgreSQL installed), those tests are skipped, and this says so at the start of the run.
import type { TestProject } from 'vitest/node';
import { NO_SERVER, startCluster } from './postgres-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test server's URL, or '' when there is none. */
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  const own = process.env.WEB4_TRUST_TEST_PG;
  if (own) {
    project.provide('postgresUrl', own);
    return undefined;
  }
  const cluster = await startCluster();
  if (!cluster) {
    process.stderr.write(`\n${NO_SERVER}\n\n`);
    project.provide('postgresUrl', '');
    return undefined;
  }
  project.provide('postgresUrl', cluster.url);
  return cluster.destroy;
}
