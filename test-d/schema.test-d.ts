// The schema DSL at type level: column kinds → TS types, nullability, insert/update shapes,
// and the compile-time checks of schema() and table().
import { expectAssignable, expectError, expectType } from 'tsd'
import { column as c, enumOf, schema, sql, table } from '../src/index.js'
import type { Insertable, Schema, Selectable, Updateable } from '../src/index.js'
import { clinicTables } from '../test/support/api-clinic.js'

interface Address {
  street: string
  zip: string | null
}

// ---------------------------------------------------------------------------------------------
// Every column kind and its TypeScript type
// ---------------------------------------------------------------------------------------------

const kinds = schema({
  everything: table({
    serial: c.serial().primaryKey(),
    integer: c.integer(),
    smallint: c.smallint(),
    bigserial: c.bigserial(),
    bigserialNumber: c.bigserial({ mode: 'number' }),
    bigint: c.bigint(),
    bigintBigint: c.bigint({ mode: 'bigint' }),
    bigintNumber: c.bigint({ mode: 'number' }),
    bigintString: c.bigint({ mode: 'string' }),
    numeric: c.numeric(),
    money: c.numeric({ precision: 10, scale: 2 }),
    real: c.real(),
    doublePrecision: c.doublePrecision(),
    boolean: c.boolean(),
    text: c.text(),
    varchar: c.varchar(20),
    varcharUnbounded: c.varchar(),
    char: c.char(2),
    uuid: c.uuid(),
    citext: c.citext(),
    date: c.date(),
    timestamp: c.timestamp(),
    timestamptz: c.timestamptz(),
    time: c.time(),
    interval: c.interval(),
    json: c.json<Address>(),
    jsonb: c.jsonb<{ tags: string[] }>(),
    jsonUnknown: c.json(),
    bytea: c.bytea(),
    mood: enumOf(['happy', 'sad', 'ok']),
    tsv: c.custom('tsvector'),
    vector: c.custom<number[]>('vector', { encode: (v) => `[${v.join(',')}]`, decode: (text) => JSON.parse(text) as number[] }),
    inferredCustom: c.custom('int4range', { decode: (text) => text.length }),
  }),
})

type Everything = Selectable<typeof kinds, 'everything'>
declare const every: Everything

expectType<number>(every.serial)
expectType<number>(every.integer)
expectType<number>(every.smallint)
// int8: bigint by default, or the mode asked for
expectType<bigint>(every.bigserial)
expectType<number>(every.bigserialNumber)
expectType<bigint>(every.bigint)
expectType<bigint>(every.bigintBigint)
expectType<number>(every.bigintNumber)
expectType<string>(every.bigintString)
// numeric keeps its precision: a string
expectType<string>(every.numeric)
expectType<string>(every.money)
expectType<number>(every.real)
expectType<number>(every.doublePrecision)
expectType<boolean>(every.boolean)
expectType<string>(every.text)
expectType<string>(every.varchar)
expectType<string>(every.varcharUnbounded)
expectType<string>(every.char)
expectType<string>(every.uuid)
expectType<string>(every.citext)
expectType<string>(every.date)
expectType<Date>(every.timestamp)
expectType<Date>(every.timestamptz)
expectType<string>(every.time)
expectType<string>(every.interval)
expectType<Address>(every.json)
expectType<{ tags: string[] }>(every.jsonb)
expectType<unknown>(every.jsonUnknown)
expectType<Uint8Array>(every.bytea)
expectType<'happy' | 'sad' | 'ok'>(every.mood)
expectType<string>(every.tsv)
expectType<number[]>(every.vector)
expectType<number>(every.inferredCustom)

// The row has exactly the declared keys, no more.
expectType<
  | 'serial' | 'integer' | 'smallint' | 'bigserial' | 'bigserialNumber' | 'bigint' | 'bigintBigint' | 'bigintNumber'
  | 'bigintString' | 'numeric' | 'money' | 'real' | 'doublePrecision' | 'boolean' | 'text' | 'varchar'
  | 'varcharUnbounded' | 'char' | 'uuid' | 'citext' | 'date' | 'timestamp' | 'timestamptz' | 'time' | 'interval'
  | 'json' | 'jsonb' | 'jsonUnknown' | 'bytea' | 'mood' | 'tsv' | 'vector' | 'inferredCustom'
>({} as keyof Everything)

// Misuse of the column builders
expectError(c.bigint({ mode: 'float' }))
expectError(c.bigserial({ mode: 'int' }))
expectError(c.varchar('20'))
expectError(c.char('2'))
expectError(c.numeric({ precision: '10' }))
expectError(enumOf([]))
expectError(enumOf(['a', 1]))
expectError(enumOf('a'))
expectError(c.custom<number[]>('vector', { encode: (v: string) => v }))
expectError(c.custom<number>('int4range', { decode: (text) => text }))

// ---------------------------------------------------------------------------------------------
// .nullable() adds `| null`; .array() gives T[]
// ---------------------------------------------------------------------------------------------

const modifiers = schema({
  things: table({
    integer: c.integer().nullable(),
    text: c.text().nullable(),
    bigintString: c.bigint({ mode: 'string' }).nullable(),
    timestamptz: c.timestamptz().nullable(),
    json: c.json<Address>().nullable(),
    mood: enumOf(['happy', 'sad']).nullable(),
    unique: c.text().nullable().unique(),
    tags: c.text().array(),
    moods: enumOf(['happy', 'sad']).array(),
    dates: c.date().array(),
    stamps: c.timestamptz().array(),
    amounts: c.numeric().array(),
    ids: c.bigint().array(),
    blobs: c.bytea().array(),
    matrix: c.integer().array().array(),
    maybeTags: c.text().array().nullable(),
    // Nullability belongs to the column whichever order the modifiers come in.
    maybeTagsToo: c.text().nullable().array(),
  }),
})

declare const thing: Selectable<typeof modifiers, 'things'>
expectType<number | null>(thing.integer)
expectType<string | null>(thing.text)
expectType<string | null>(thing.bigintString)
expectType<Date | null>(thing.timestamptz)
expectType<Address | null>(thing.json)
expectType<'happy' | 'sad' | null>(thing.mood)
expectType<string | null>(thing.unique)
expectType<string[]>(thing.tags)
expectType<('happy' | 'sad')[]>(thing.moods)
expectType<string[]>(thing.dates)
expectType<Date[]>(thing.stamps)
expectType<string[]>(thing.amounts)
expectType<bigint[]>(thing.ids)
expectType<Uint8Array[]>(thing.blobs)
expectType<number[][]>(thing.matrix)
expectType<string[] | null>(thing.maybeTags)
expectType<string[] | null>(thing.maybeTagsToo)

// ---------------------------------------------------------------------------------------------
// .default(): a value or sql`…` of the column's type
// ---------------------------------------------------------------------------------------------

expectAssignable<object>(c.integer().default(0))
expectAssignable<object>(c.timestamptz().default(sql`now()`))
expectAssignable<object>(c.timestamptz().default(new Date(0)))
expectAssignable<object>(c.json<Address>().default({ street: 'Main', zip: null }))
expectAssignable<object>(enumOf(['happy', 'sad']).default('happy'))
expectError(c.integer().default('0'))
expectError(c.timestamptz().default('now'))
expectError(c.timestamptz().default(sql<string>`'now'`))
expectError(enumOf(['happy', 'sad']).default('angry'))
expectError(c.json<Address>().default({ street: 1 }))

// ---------------------------------------------------------------------------------------------
// The clinic of API.md §1: whole rows, inserts and updates
// ---------------------------------------------------------------------------------------------

const clinic = schema(clinicTables, { casing: 'snake_case' })

expectAssignable<Schema>(clinic)

declare const person: Selectable<typeof clinic, 'people'>
expectType<number>(person.id)
expectType<string>(person.name)
expectType<string | null>(person.email)
expectType<Date>(person.createdAt)
expectType<'id' | 'name' | 'email' | 'createdAt'>({} as keyof Selectable<typeof clinic, 'people'>)
// exact equality: plain, mutable keys
expectType<{ id: number; name: string; email: string | null; createdAt: Date }>({} as Selectable<typeof clinic, 'people'>)
expectType<{ id: number; personId: number; meetingAt: Date; notes: string | null }>({} as Selectable<typeof clinic, 'appointments'>)
expectType<{ personId: number; appointmentId: number }>({} as Selectable<typeof clinic, 'attendances'>)

declare const attendance: Selectable<typeof clinic, 'attendances'>
expectType<number>(attendance.personId)
expectType<number>(attendance.appointmentId)

// serial, default and nullable columns are optional on insert; the others are required
type PersonInsert = Insertable<typeof clinic, 'people'>
expectType<{ name: string; id?: number; email?: string | null; createdAt?: Date }>({} as PersonInsert)
expectType<{ personId: number; meetingAt: Date; id?: number; notes?: string | null }>({} as Insertable<typeof clinic, 'appointments'>)
expectType<{ personId: number; appointmentId: number }>({} as Insertable<typeof clinic, 'attendances'>)
expectAssignable<PersonInsert>({ name: 'Reuven' })
expectAssignable<PersonInsert>({ name: 'Reuven', email: null, createdAt: new Date() })
expectError<PersonInsert>({ email: 'r@x' })
expectError<PersonInsert>({ name: 1 })
expectError<PersonInsert>({ name: 'Reuven', nmae: 'typo' })
// exactOptionalPropertyTypes: undefined is not a value; leave the key out (or pass null)
expectError<PersonInsert>({ name: 'Reuven', email: undefined })

type PersonUpdate = Updateable<typeof clinic, 'people'>
expectType<{ id?: number; name?: string; email?: string | null; createdAt?: Date }>({} as PersonUpdate)
expectAssignable<PersonUpdate>({})
expectAssignable<PersonUpdate>({ email: null })
expectError<PersonUpdate>({ name: null })
expectError<PersonUpdate>({ createdAt: '2013-01-01' })
expectError<PersonUpdate>({ name: undefined })

// Unknown table names in the row helpers
expectError({} as Selectable<typeof clinic, 'persons'>)
expectError({} as Insertable<typeof clinic, 'persons'>)
expectError({} as Updateable<typeof clinic, 'persons'>)

// ---------------------------------------------------------------------------------------------
// Generated columns: readable, never insertable or updatable
// ---------------------------------------------------------------------------------------------

const shop = schema({
  products: table({
    id: c.serial().primaryKey(),
    name: c.text(),
    description: c.text().nullable(),
    price: c.numeric({ precision: 10, scale: 2 }),
    quantity: c.integer().default(0),
    total: c.numeric().generatedAlwaysAs(sql`price * quantity`),
  }),
})

declare const product: Selectable<typeof shop, 'products'>
expectType<string>(product.total)
type ProductInsert = Insertable<typeof shop, 'products'>
type ProductUpdate = Updateable<typeof shop, 'products'>
expectType<{ name: string; price: string; id?: number; description?: string | null; quantity?: number }>({} as ProductInsert)
expectType<{ id?: number; name?: string; description?: string | null; price?: string; quantity?: number }>({} as ProductUpdate)
expectError<ProductInsert>({ name: 'Tea', price: '1.50', total: '1.50' })
expectError<ProductUpdate>({ total: '1.50' })

// ---------------------------------------------------------------------------------------------
// schema(): references are checked at compile time
// ---------------------------------------------------------------------------------------------

// Forward references, self-references and references to a composite-key table's column are fine.
const org = schema({
  employees: table({
    id: c.serial().primaryKey(),
    reportsTo: c.integer().nullable().references('employees.id'),
    departmentId: c.integer().references('departments.id', { onDelete: 'restrict', onUpdate: 'cascade' }),
  }),
  departments: table({ id: c.serial().primaryKey(), name: c.text().unique() }),
  teams: table({ departmentName: c.text().references('departments.name') }),
})
expectType<number | null>(({} as Selectable<typeof org, 'employees'>).reportsTo)

// unknown table
expectError(
  schema({
    appointments: table({ id: c.serial().primaryKey(), personId: c.integer().references('persons.id') }),
  }),
)
// unknown column of a known table
expectError(
  schema({
    people: table({ id: c.serial().primaryKey() }),
    appointments: table({ personId: c.integer().references('people.key') }),
  }),
)
// references name keys, not database names (casing maps createdAt → created_at)
expectError(
  schema(
    {
      people: table({ id: c.serial().primaryKey(), createdAt: c.timestamptz() }),
      logs: table({ at: c.timestamptz().references('people.created_at') }),
    },
    { casing: 'snake_case' },
  ),
)
// not 'table.column'
expectError(
  schema({
    people: table({ id: c.serial().primaryKey() }),
    appointments: table({ personId: c.integer().references('people') }),
  }),
)
// a bad reference inside a many-table schema is still found
expectError(
  schema({
    people: table({ id: c.serial().primaryKey() }),
    appointments: table({ id: c.serial().primaryKey(), personId: c.integer().references('people.id') }),
    attendances: table({
      personId: c.integer().references('people.id'),
      appointmentId: c.integer().references('appointment.id'),
    }).primaryKey('personId', 'appointmentId'),
  }),
)
// an entry that is not a table; no tables, no columns
expectError(schema({ people: c.text() }))
expectError(schema({}))
expectError(table({}))
expectError(schema({ people: table({ id: c.serial() }) }, { casing: 'camelCase' }))

// ---------------------------------------------------------------------------------------------
// table(): composite keys, uniques and indexes name known columns only
// ---------------------------------------------------------------------------------------------

const pair = table({ a: c.integer(), b: c.integer(), note: c.text() })
expectType<'a' | 'b'>(pair.primaryKey('a', 'b')['~primaryKey'])
expectType<never>(pair['~primaryKey'])
expectAssignable<object>(pair.unique('a', 'note').index('b').name('pairs'))
expectError(pair.primaryKey('unknownColumn'))
expectError(pair.primaryKey('a', 'c'))
expectError(pair.unique('a', 'nope'))
expectError(pair.index('nope'))
// at least one column
expectError(table({ id: c.integer() }).primaryKey())
expectError(table({ id: c.integer() }).unique())
expectError(table({ id: c.integer() }).index())
expectError(pair.name(1))
expectError(table({ id: 'serial' }))
expectError(table({ id: c.integer }))
