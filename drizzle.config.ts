import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // Every capability keeps its tables beside its code.
  schema: './src/**/*.sql.ts',
  out: './db/migrations',
});
