// Configuration for Prisma's CLI only; the application never reads it. `npm run build` uses it
// through scripts/generate.mjs. Where Prisma's schema engine is available (e.g. a Docker build
// stage), `DATABASE_URL=… npx prisma migrate deploy` run from packages/db applies the same
// migrations as migrateDatabase() and agrees with it about what is already applied.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: '../../prisma/schema.prisma',
  migrations: { path: '../../prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL },
});
