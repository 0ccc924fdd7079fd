// What `joinery pull` learns from the catalog, before any naming or printing: database names
// only, no schema keys. catalog.ts fills it, printer.ts writes it out in the schema DSL.
import type { ReferentialAction } from '../schema/column.js'

/** A column's type as the schema DSL can declare it. */
export type ColumnType =
  | { readonly kind: SimpleKind }
  | { readonly kind: 'varchar' | 'char'; readonly length: number | undefined }
  | { readonly kind: 'numeric'; readonly precision: number | undefined; readonly scale: number | undefined }
  | { readonly kind: 'enum'; readonly name: string; readonly values: readonly string[] }
  /** A type the DSL has no kind for: declared with `column.custom<string>(sqlType)`. */
  | { readonly kind: 'custom'; readonly sqlType: string }

/** Kinds of `column.*()` that take no arguments. */
export type SimpleKind =
  | 'smallint'
  | 'integer'
  | 'bigint'
  | 'real'
  | 'doublePrecision'
  | 'boolean'
  | 'text'
  | 'uuid'
  | 'citext'
  | 'date'
  | 'timestamp'
  | 'timestamptz'
  | 'time'
  | 'interval'
  | 'json'
  | 'jsonb'
  | 'bytea'

/** How the database fills a column by itself. */
export type AutoIncrement = 'serial' | 'identity always' | 'identity by default'

export interface ReflectedColumn {
  readonly name: string
  readonly type: ColumnType
  /** Array dimensions: 0 for a scalar, 1 for `text[]` (Postgres does not enforce more). */
  readonly arrayDimensions: number
  /** The domain the column was declared with; its base type is `type`. */
  readonly domain: string | undefined
  readonly nullable: boolean
  /** The default expression as Postgres prints it (`now()`, `'draft'::status`), unless `autoIncrement`. */
  readonly default: string | undefined
  readonly autoIncrement: AutoIncrement | undefined
  /** A stored generated column's expression. */
  readonly generated: string | undefined
  /** Precision or a type detail the DSL cannot keep (`timestamp(3)`, `smallserial`). */
  readonly lost: string | undefined
  readonly comment: string | undefined
}

export interface ReflectedForeignKey {
  readonly column: string
  readonly targetTable: string
  readonly targetColumn: string
  readonly onDelete: ReferentialAction | undefined
  readonly onUpdate: ReferentialAction | undefined
}

export type RelationKind = 'table' | 'view' | 'materialized view'

export interface ReflectedTable {
  readonly name: string
  readonly kind: RelationKind
  readonly comment: string | undefined
  readonly columns: readonly ReflectedColumn[]
  /** Column names, in key order; empty when there is none. */
  readonly primaryKey: readonly string[]
  /** Unique constraints and plain unique indexes, as column names. */
  readonly uniques: readonly (readonly string[])[]
  /** Plain b-tree indexes over columns (not the ones behind a constraint). */
  readonly indexes: readonly (readonly string[])[]
  /** Single-column foreign keys to tables of the same schema. */
  readonly foreignKeys: readonly ReflectedForeignKey[]
  /** What the DSL cannot declare (composite or cross-schema foreign keys, checks, partial or expression indexes), one sentence each. */
  readonly notes: readonly string[]
}

export interface ReflectedSchema {
  /** The Postgres schema (namespace) that was read. */
  readonly name: string
  /** Tables first, then views; each group sorted by name. */
  readonly tables: readonly ReflectedTable[]
}

/** `a` (no action) … as Postgres stores them in `pg_constraint.confdeltype`. */
export const referentialActions: Readonly<Record<string, ReferentialAction | undefined>> = {
  a: undefined, // no action: the default, not printed
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
}
