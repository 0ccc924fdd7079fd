// The printer's naming and spelling rules, on schema models written by hand (no database): keys
// and casing, quoting, defaults, and files for odd names that must still compile.
import { afterAll, expect, test } from 'vitest'
import { toSnakeCase } from '../src/schema/casing.js'
import { readDefault } from '../src/reflect/defaults.js'
import type { ColumnType, ReflectedColumn, ReflectedSchema, ReflectedTable } from '../src/reflect/model.js'
import { camelCase, chooseCasing, keyFor, propertyKey, quoteString, templateText, uniqueKeys } from '../src/reflect/naming.js'
import { schemaFile } from '../src/reflect/pull.js'
import { scratchDir, typeCheck } from './support/reflect.js'

const dir = scratchDir('naming')
afterAll(() => dir.remove())

test('camelCase keys map back to their names through toSnakeCase, or keep the name, or say it', () => {
  expect(['film_actor', 'ProjectID', 'line_1', 'address2', 'utf8_name', '_private', 'Order Items'].map(camelCase)).toEqual([
    'filmActor',
    'projectId',
    'line1',
    'address2',
    'utf8Name',
    'private',
    'orderItems',
  ])
  expect(keyFor('film_actor', 'snake_case')).toEqual({ key: 'filmActor', dbName: undefined })
  expect(keyFor('line_1', 'snake_case')).toEqual({ key: 'line_1', dbName: undefined })
  expect(keyFor('ProjectID', 'snake_case')).toEqual({ key: 'projectId', dbName: 'ProjectID' })
  expect(keyFor('Order Items', 'preserve')).toEqual({ key: 'Order Items', dbName: undefined })
  expect(keyFor('a.b', 'preserve')).toEqual({ key: 'aB', dbName: 'a.b' })
  for (const name of ['film_actor', 'line_1', 'is_2fa_enabled', '_private', 'utf8_name']) {
    const named = keyFor(name, 'snake_case')
    expect(named.dbName ?? toSnakeCase(named.key)).toBe(name)
  }
})

test('casing: snake_case when most names map through it, preserve otherwise', () => {
  expect(chooseCasing(['album', 'album_id', 'title', 'Projects'])).toBe('snake_case')
  expect(chooseCasing(['Album', 'AlbumId', 'Title', 'ArtistId'])).toBe('preserve')
  expect(chooseCasing(['tags', 'id', 'label'])).toBe('preserve') // nothing would change
  expect(uniqueKeys(['film_actor', 'filmActor', 'FilmActor'], 'snake_case')).toEqual([
    { key: 'filmActor', dbName: undefined },
    { key: 'filmActor2', dbName: 'filmActor' },
    { key: 'filmActor3', dbName: 'FilmActor' },
  ])
})

test('keys, strings and sql templates are spelled so they mean what they say', () => {
  expect(['id', 'default', 'class', 'Order Items', '1st', '$ok', '__proto__'].map(propertyKey)).toEqual([
    'id',
    "'default'",
    "'class'",
    "'Order Items'",
    "'1st'",
    '$ok',
    "['__proto__']",
  ])
  expect(quoteString("it's")).toBe(`"it's"`)
  expect(quoteString(`both ' and "`)).toBe(`'both \\' and "'`)
  expect(quoteString('a\\b\nc\u2028')).toBe(`'a\\\\b\\nc\\u2028'`)
  expect(templateText('`x` ${y} \\d')).toBe('\\`x\\` \\${y} \\\\d')
})

const kind = (k: string): ColumnType => ({ kind: k }) as ColumnType

test('defaults: constants of the column type become values, everything else stays SQL', () => {
  expect(readDefault('0', kind('integer'), 0)).toEqual({ value: 0 })
  expect(readDefault("'-1'::integer", kind('bigint'), 0)).toEqual({ value: -1n })
  expect(readDefault('0', { kind: 'numeric', precision: 10, scale: 2 }, 0)).toEqual({ value: '0' })
  expect(readDefault('0.5', kind('doublePrecision'), 0)).toEqual({ value: 0.5 })
  expect(readDefault('true', kind('boolean'), 0)).toEqual({ value: true })
  expect(readDefault("'it''s'::text", kind('text'), 0)).toEqual({ value: "it's" })
  expect(readDefault("'x'::character varying", { kind: 'varchar', length: 3 }, 0)).toEqual({ value: 'x' })
  expect(readDefault("'sad'::mood", { kind: 'enum', name: 'mood', values: ['sad'] }, 0)).toEqual({ value: 'sad' })
  expect(readDefault("'angry'::mood", { kind: 'enum', name: 'mood', values: ['sad'] }, 0)).toEqual({ sql: "'angry'::mood" })
  expect(readDefault("'1 day'::interval", kind('text'), 0)).toEqual({ sql: "'1 day'::interval" })
  expect(readDefault("'epoch'::date", kind('date'), 0)).toEqual({ sql: "'epoch'::date" })
  expect(readDefault("'{}'::text[]", kind('text'), 1)).toEqual({ sql: "'{}'::text[]" })
  expect(readDefault('now()', kind('timestamptz'), 0)).toEqual({ sql: 'now()' })
  expect(readDefault('99999999999999999999', kind('integer'), 0)).toEqual({ sql: '99999999999999999999' })
})

const column = (name: string, patch: Partial<ReflectedColumn> = {}): ReflectedColumn => ({
  name,
  type: kind('integer'),
  arrayDimensions: 0,
  domain: undefined,
  nullable: false,
  default: undefined,
  autoIncrement: undefined,
  generated: undefined,
  lost: undefined,
  comment: undefined,
  ...patch,
})

const tableOf = (name: string, columns: ReflectedColumn[], patch: Partial<ReflectedTable> = {}): ReflectedTable => ({
  name,
  kind: 'table',
  comment: undefined,
  columns,
  primaryKey: [columns[0]!.name],
  uniques: [],
  indexes: [],
  foreignKeys: [],
  notes: [],
  ...patch,
})

test('a PascalCase database keeps its names as keys; odd names and odd SQL still give a file that compiles', async () => {
  const pascal: ReflectedSchema = {
    name: 'public',
    tables: [
      tableOf('Album', [column('AlbumId', { autoIncrement: 'serial' }), column('Title', { type: { kind: 'varchar', length: 160 } }), column('ArtistId')], {
        foreignKeys: [{ column: 'ArtistId', targetTable: 'Artist', targetColumn: 'ArtistId', onDelete: 'cascade', onUpdate: undefined }],
      }),
      tableOf('Artist', [column('ArtistId', { autoIncrement: 'serial' }), column('Name', { type: kind('text'), nullable: true })]),
      tableOf('Order Items', [
        column('constructor', { autoIncrement: 'identity by default' }),
        column('class', { type: kind('text'), default: "('`' || '${x}' || E'\\\\')", comment: 'Ends a comment: */ here' }),
        column('1st', { type: { kind: 'custom', sqlType: 'public.vector(3)' }, nullable: true }),
      ]),
      tableOf('odd.name', [column('x')]),
    ],
  }
  const file = schemaFile(pascal, { importFrom: dir.joinery })
  expect(file.schema.meta.casing).toBe('preserve')
  const lines = file.source.split('\n')
  expect(lines).toEqual(
    expect.arrayContaining([
      'export default schema({',
      '  // relations: Artist → Artist',
      '  Album: table({',
      "    ArtistId: c.integer().references('Artist.ArtistId', { onDelete: 'cascade' }),",
      '  // relations: Album → Album[]',
      "  'Order Items': table({",
            '    /** Identity column (generated by default). */',
      '    constructor: c.serial().primaryKey(),',
      '    /** Ends a comment: *\\/ here */',
      "    'class': c.text().default(sql`('\\`' || '\\${x}' || E'\\\\\\\\')`),",
      "    '1st': c.custom<string>('public.vector(3)').nullable(),",
      '  oddName: table({',
      "  }).name('odd.name'),",
    ]),
  )
  const orderItems = file.schema.meta.tables.get('Order Items')!
  expect(orderItems.columnList.map((col) => col.key)).toEqual(['constructor', 'class', '1st'])
  expect(String((orderItems.columns.get('class')!.default as { node: { parts: string[] } }).node.parts[0])).toBe("('`' || '${x}' || E'\\\\')")
  dir.write('pascal.ts', file.source)
  expect(await typeCheck(dir, ['pascal.ts'])).toBe('')
}, 120_000)
