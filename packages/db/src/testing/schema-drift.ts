// Compares schema.prisma with a migrated database, because the SQL migrations are written by hand
// (Prisma's schema engine cannot run everywhere) and nothing else would notice them drifting
// apart. Both sides are flattened into canonical lines ("column users.login text NOT NULL") so a
// difference reads like a short diff. Test-only: excluded from the package build.
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import type { Database } from '../client.js';

/** What differs: lines schema.prisma implies but the database lacks, and the reverse. */
export interface SchemaDiff {
  missing: string[];
  unexpected: string[];
}

// The parts of Prisma's DMMF this checker reads.
interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object' | 'unsupported';
  type: string;
  isList: boolean;
  isRequired: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  dbName?: string | null;
  fields: { name: string }[];
}
interface Dmmf {
  datamodel: {
    enums: {
      name: string;
      dbName: string | null;
      values: { name: string; dbName: string | null }[];
    }[];
    models: DmmfModel[];
    indexes: DmmfIndex[];
  };
}

const SCALAR_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Boolean: 'boolean',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
};
const NATIVE_TYPES: Record<string, (args: string[]) => string> = {
  Timestamptz: (args) => `timestamp(${args[0] ?? '6'}) with time zone`,
  Timestamp: (args) => `timestamp(${args[0] ?? '6'}) without time zone`,
  Uuid: () => 'uuid',
  Text: () => 'text',
  VarChar: (args) => (args[0] ? `character varying(${args[0]})` : 'character varying'),
  Integer: () => 'integer',
  BigInt: () => 'bigint',
  SmallInt: () => 'smallint',
  JsonB: () => 'jsonb',
  Json: () => 'json',
};
const INDEX_KINDS: Record<'id' | 'unique' | 'normal', [kind: string, suffix: string]> = {
  id: ['primary key', 'pkey'],
  unique: ['unique index', 'key'],
  normal: ['index', 'idx'],
};
const REFERENTIAL_ACTIONS: Record<string, string> = {
  Cascade: 'CASCADE',
  Restrict: 'RESTRICT',
  NoAction: 'NO ACTION',
  SetNull: 'SET NULL',
  SetDefault: 'SET DEFAULT',
};
// Defaults Prisma Client fills in itself; the column has none.
const CLIENT_SIDE_DEFAULTS = new Set(['uuid', 'cuid', 'ulid', 'nanoid']);

/** PostgreSQL's identifier quoting, as format_type and pg_get_expr print names. */
function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** Prisma's default constraint name: `<table>_<columns>_<suffix>`, cut to PostgreSQL's 63. */
function defaultName(table: string, columns: string[], suffix: string): string {
  const prefix = [table, ...columns].join('_');
  return `${prefix.slice(0, 63 - suffix.length - 1)}_${suffix}`;
}

function columnLine(
  table: string,
  column: string,
  type: string,
  nullable: boolean,
  dflt: string | null,
): string {
  return `column ${table}.${column} ${type}${nullable ? '' : ' NOT NULL'}${dflt === null ? '' : ` DEFAULT ${dflt}`}`;
}

/** The canonical lines schema.prisma implies (tables, columns, enums, keys, indexes, foreign keys). */
export function expectedSchema(schemaText: string): string[] {
  const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: schemaText }))) as Dmmf;
  const { enums, models, indexes } = dmmf.datamodel;
  const enumDbName = new Map(enums.map((e) => [e.name, e.dbName ?? e.name]));
  const modelByName = new Map(models.map((m) => [m.name, m]));
  const tableOf = (m: DmmfModel) => m.dbName ?? m.name;
  const columnOf = (m: DmmfModel, field: string) => {
    const f = m.fields.find((x) => x.name === field);
    if (!f) throw new Error(`${m.name}.${field} not found`);
    return f.dbName ?? f.name;
  };
  const lines: string[] = [];
  for (const e of enums) {
    lines.push(
      `enum ${e.dbName ?? e.name} (${e.values.map((v) => v.dbName ?? v.name).join(', ')})`,
    );
  }
  for (const m of models) {
    const table = tableOf(m);
    lines.push(`table ${table}`);
    for (const f of m.fields) {
      if (f.kind === 'object') {
        if (!f.relationFromFields?.length) continue;
        const target = modelByName.get(f.type);
        if (!target)
          throw new Error(`relation ${m.name}.${f.name} points to unknown model ${f.type}`);
        const from = f.relationFromFields.map((x) => columnOf(m, x));
        const to = (f.relationToFields ?? []).map((x) => columnOf(target, x));
        const onDelete = f.relationOnDelete ?? (f.isRequired ? 'Restrict' : 'SetNull');
        const onUpdate = f.relationOnUpdate ?? 'Cascade';
        lines.push(
          `foreign key ${defaultName(table, from, 'fkey')} on ${table} (${from.join(', ')}) -> ` +
            `${tableOf(target)} (${to.join(', ')}) ON DELETE ${REFERENTIAL_ACTIONS[onDelete]} ` +
            `ON UPDATE ${REFERENTIAL_ACTIONS[onUpdate]}`,
        );
        continue;
      }
      const column = f.dbName ?? f.name;
      const type = columnType(f, enumDbName) + (f.isList ? '[]' : '');
      // Prisma never marks list columns NOT NULL.
      const nullable = f.isList || !f.isRequired;
      lines.push(columnLine(table, column, type, nullable, columnDefault(f, table, column, type)));
    }
  }
  for (const index of indexes) {
    const model = modelByName.get(index.model);
    if (!model) throw new Error(`index on unknown model ${index.model}`);
    const table = tableOf(model);
    const columns = index.fields.map((x) => columnOf(model, x.name));
    if (index.type === 'fulltext') {
      throw new Error('fulltext indexes are not supported by the drift check');
    }
    const [kind, suffix] = INDEX_KINDS[index.type];
    const name =
      index.dbName ?? (index.type === 'id' ? `${table}_pkey` : defaultName(table, columns, suffix));
    lines.push(`${kind} ${name} on ${table} (${columns.join(', ')})`);
  }
  return lines.sort();
}

function columnType(f: DmmfField, enumDbName: Map<string, string>): string {
  if (f.kind === 'enum') return quoteIdent(enumDbName.get(f.type) ?? f.type);
  if (f.nativeType) {
    const [name, args] = f.nativeType;
    const render = NATIVE_TYPES[name];
    if (!render) throw new Error(`native type @db.${name} is not supported by the drift check yet`);
    return render(args);
  }
  const type = SCALAR_TYPES[f.type];
  if (!type) throw new Error(`Prisma type ${f.type} is not supported by the drift check yet`);
  return type;
}

/** The default expression PostgreSQL prints for the column, or null when it has none. */
function columnDefault(f: DmmfField, table: string, column: string, type: string): string | null {
  if (!f.hasDefaultValue) return null;
  const d = f.default;
  if (Array.isArray(d)) {
    if (d.length === 0) return `ARRAY[]::${type}`;
    throw new Error(
      `${table}.${column}: non-empty list defaults are not supported by the drift check yet`,
    );
  }
  if (d && typeof d === 'object') {
    const fn = d as { name: string; args: unknown[] };
    if (CLIENT_SIDE_DEFAULTS.has(fn.name)) return null;
    if (fn.name === 'autoincrement')
      return `nextval('${defaultName(table, [column], 'seq')}'::regclass)`;
    if (fn.name === 'now') return 'CURRENT_TIMESTAMP';
    if (fn.name === 'dbgenerated' && typeof fn.args[0] === 'string') return fn.args[0];
    throw new Error(
      `${table}.${column}: default ${fn.name}() is not supported by the drift check yet`,
    );
  }
  if (typeof d === 'boolean') return String(d);
  if (
    typeof d === 'number' ||
    (typeof d === 'string' &&
      /^-?\d+(\.\d+)?$/.test(d) &&
      f.kind === 'scalar' &&
      f.type !== 'String')
  ) {
    const n = String(d);
    return n.startsWith('-') ? `'${n}'::${type}` : n;
  }
  if (typeof d === 'string') return `'${d.replace(/'/g, "''")}'::${type}`;
  throw new Error(
    `${table}.${column}: default ${JSON.stringify(d)} is not supported by the drift check yet`,
  );
}

const CATALOG_QUERIES = {
  enums: `
    SELECT t.typname AS name, string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) AS labels
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = current_schema() GROUP BY t.typname`,
  tables: `
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'`,
  columns: `
    SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
           NOT a.attnotnull AS nullable, pg_get_expr(d.adbin, d.adrelid) AS dflt
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'
       AND a.attnum > 0 AND NOT a.attisdropped`,
  indexes: `
    SELECT t.relname AS table, i.relname AS name, ix.indisprimary AS primary, ix.indisunique AS unique,
           ix.indpred IS NOT NULL OR ix.indexprs IS NOT NULL AS partial_or_expression,
           (SELECT string_agg(a.attname, ', ' ORDER BY k.ord)
              FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum) AS columns
      FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = current_schema() AND t.relname <> '_prisma_migrations'`,
  foreignKeys: `
    SELECT con.conname AS name, t.relname AS table, ft.relname AS target,
           (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS columns,
           (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) AS target_columns,
           con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update
      FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid JOIN pg_class ft ON ft.oid = con.confrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE con.contype = 'f' AND n.nspname = current_schema()`,
};
const PG_ACTIONS: Record<string, string> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

type Row = Record<string, string | boolean | null>;

/** The same canonical lines, read from the database's catalog (current schema). */
export async function actualSchema(db: Database): Promise<string[]> {
  const q = await db.sqlTransaction(async (tx) => {
    const run = (sql: string) => tx.query<Row>(sql);
    return {
      enums: await run(CATALOG_QUERIES.enums),
      tables: await run(CATALOG_QUERIES.tables),
      columns: await run(CATALOG_QUERIES.columns),
      indexes: await run(CATALOG_QUERIES.indexes),
      foreignKeys: await run(CATALOG_QUERIES.foreignKeys),
    };
  });
  const lines: string[] = [];
  for (const r of q.enums) lines.push(`enum ${String(r.name)} (${String(r.labels)})`);
  for (const r of q.tables) lines.push(`table ${String(r.name)}`);
  for (const r of q.columns) {
    lines.push(
      columnLine(
        String(r.table),
        String(r.column),
        String(r.type),
        r.nullable === true,
        r.dflt === null ? null : String(r.dflt),
      ),
    );
  }
  for (const r of q.indexes) {
    const kind = r.primary ? 'primary key' : r.unique ? 'unique index' : 'index';
    const shape = r.partial_or_expression ? ' (partial or expression index)' : '';
    lines.push(`${kind} ${String(r.name)} on ${String(r.table)} (${String(r.columns)})${shape}`);
  }
  for (const r of q.foreignKeys) {
    lines.push(
      `foreign key ${String(r.name)} on ${String(r.table)} (${String(r.columns)}) -> ${String(r.target)} ` +
        `(${String(r.target_columns)}) ON DELETE ${PG_ACTIONS[String(r.on_delete)]} ON UPDATE ${PG_ACTIONS[String(r.on_update)]}`,
    );
  }
  return lines.sort();
}

/** Lines in `expected` but not `actual` (missing), and the reverse (unexpected). */
export function diffSchemas(expected: string[], actual: string[]): SchemaDiff {
  const a = new Set(actual);
  const e = new Set(expected);
  return {
    missing: expected.filter((l) => !a.has(l)),
    unexpected: actual.filter((l) => !e.has(l)),
  };
}
