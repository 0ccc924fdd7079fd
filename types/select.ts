// Type-level machinery of the select builder: references, operators, selections, result rows.
import type { Expression } from '../src/builder/expression.js'
import type { SelectQueryBuilder } from '../src/builder/select.js'
import type { Schema } from '../src/schema/schema.js'
import type { Rel, TableRelations } from './relations.js'
import type { Flat, ReadColumns, Readable, TableRow } from './row.js'

/**
 * The names a query can use, each with its value type: a table's columns bare and qualified, from
 * the columns as declared (`Cols[K]['~select']`). Computed once per table and cached by TypeScript.
 * Refs<'people', { id: Column<number, false, …> }> == { id: number; 'people.id': number }
 */
// A mapped type over the key union itself: `keyof` of a remapped type is recomputed key by key on
// every use (each method's `keyof C`; TYPES.md, pitfall 1), `keyof` of this one is the union it maps
// over. Each value strips the table from its key: reading it from a remapped map resolved every
// property of that map (~65 instantiations more per table at 200 tables). A bare key is asked
// first, without parsing it (1.2k fewer over 200 queries). It maps the columns, not the row: a
// builder's C is instantiated again with every method signature that names it, and that walks its
// type arguments as well; over RowOf they were the row's mapped type and the columns under it
// (with JoinedRefs: 182.9k → 178.7k instantiations over 200 queries at 200 tables).
export type Refs<T extends string, Cols extends Readable> = {
  [K in (keyof Cols & string) | `${T}.${keyof Cols & string}`]: K extends keyof Cols ? Cols[K]['~select'] : Cols[(K extends `${T}.${infer N}` ? N : never) & keyof Cols]['~select']
}

export type Operator = '=' | '<>' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'like' | 'ilike' | 'is' | 'is not'

/**
 * The value a comparison takes. ValueFor<number | null, '='> == number | Expression<number>;
 * ValueFor<number, 'in'> == readonly number[]; ValueFor<string | null, 'is'> == null;
 * `like`/`ilike` take text only on a text column (else the value is the error).
 */
// The operator is any Operator and the value type rejects what the column cannot take: a
// constraint on the operator that read the column was instantiated with every column's type
// while K was being inferred (~70 instantiations per where call at 200 tables).
export type ValueFor<V, Op extends Operator> = OperandOf<V>[Op]
// One interface per column type, shared by every query: a where call reads one property of it.
interface OperandOf<V> {
  '=': Compared<V>
  '<>': Compared<V>
  '<': Compared<V>
  '<=': Compared<V>
  '>': Compared<V>
  '>=': Compared<V>
  in: Listed<V>
  'not in': Listed<V>
  like: Like<V, 'like'>
  ilike: Like<V, 'ilike'>
  is: Tested<V>
  'is not': Tested<V>
}
type Compared<V> = NonNullable<V> | Expression<NonNullable<V> | null>
type Listed<V> = readonly NonNullable<V>[] | { readonly '~result': () => Record<string, NonNullable<V> | null> }
type Tested<V> = NonNullable<V> extends boolean ? boolean | null : null
type Like<V, Op extends string> = NonNullable<V> extends string ? string | Expression<string> : { error: `${Op} compares text: use it on a text column` }

/**
 * The value parameter of `where`/`eb` is `NoInfer<L> & NoInfer<ValueFor<…>>`, with L a type
 * parameter never inferred and defaulting to unknown, which the intersection drops.
 * For a literal argument (`0`, `'A%'`) TypeScript asks whether the parameter's type wants
 * literals, member by member: L's constraint answers at once. Asked of ValueFor<C[K], Op>, it
 * computes that type's constraint: every reference's type, which resolves the whole reference
 * map of the query (as did inferring K and Op from the value, which NoInfer stops). That was
 * ~180 instantiations per where on a join at 200 tables.
 */
export type LiteralContext = string | number | bigint | boolean | {} | null | undefined

/**
 * `unknown` when each renaming among the selections (`'ref as alias'`) renames one of the query's
 * references R (`keyof C & string`); else an error naming the reference. For select((eb) => […]),
 * whose element type takes any `${string} as ${string}` (a plain name is checked by that type).
 * KnownRefs<'id' | 'people.id', 'idd as x'> == { error: '"idd" is not a reference of this query' }
 */
export type KnownRefs<R extends string, K> = [UnknownAsRefs<R, Extract<K, string>>] extends [never] ? unknown : { error: UnknownAsRefs<R, Extract<K, string>> }
/**
 * The references before ` as ` among K that are not among R, looked for only when a selection
 * renames. Over the reference names, not the references map C: a map passed in is instantiated again
 * with every instantiation of the signature (and the table's columns under it); a union of literals
 * is not. Mapped over K, not over `K & AsSelection`: every indexed read of a mapped type asks whether
 * it is generic, which computes its key's base constraint, and while K is free that met each of the
 * query's references with the template (6k subtype checks over 200 queries at 200 tables).
 */
type UnknownAsRefs<R extends string, K extends string> = [K & AsSelection & Matched] extends [never]
  ? never
  : { [P in K]: RefOf<P> extends R ? never : `"${RefOf<P>}" is not a reference of this query` }[K]

// Fast path first: a plain key is its own output key and reference.
type OutKey<K extends string> = K extends `${string} as ${infer A}` ? A : K extends `${string}.${infer Col}` ? Col : K
type RefOf<K extends string> = K extends `${infer R} as ${string}` ? R : K

/** A selection renamed with `as`: 'people.name as who'. */
export type AsSelection = `${string} as ${string}`
/** A selection whose output key is not itself: `table.column` or `… as alias`. */
type Renaming = `${string}.${string}` | AsSelection

/**
 * Intersected with `K & template` to ask whether a selection matches: a literal that does stays
 * (branded), one that does not is never. Without it, `K & template` formed while K is free (the
 * arity check, inferring a select in a callback's return position from its contextual type) is
 * reduced through K's constraint: each of the query's references is compared with the template, a
 * strict subtype check each (9.1k over 200 queries at 200 tables). With a third member TypeScript
 * does not try.
 */
interface Matched {
  readonly '~matched'?: never
}

/** Selected<{ 'people.name': string }, 'people.name as who'> == { who: string } */
// Plain column names (the usual select) are their own keys: a map over them, whose keys TypeScript
// reads without computing OutKey for each selection on every use of the result. Otherwise a map
// over the output keys, each selection's OutKey computed alone (OutKeys) and cached: remapped with
// `as OutKey<P>`, TypeScript evaluated OutKey over the whole union of selections each time it asked
// whether the map was generic (7k instantiations more over 200 joins).
export type Selected<C, K extends string> = [K & Renaming & Matched] extends [never]
  ? { [P in K]: C[P & keyof C] }
  : { [X in OutKeys<K>]: C[RefFor<K, X> & keyof C] }
/** The reference of the selection (among K) that lands on output key X. */
type RefFor<K extends string, X> = K extends unknown ? (OutKey<K> extends X ? RefOf<K> : never) : never

/**
 * `unknown` when every selection `'ref as alias'` renames one of the query's references R, and
 * every selection lands on its own key, clear of the selections O and includes I so far; else the
 * error naming the unknown reference, or asking for `as`. Each selection's OutKey is computed one
 * at a time (cached for every query; over a union it would distribute, and be evaluated again on
 * every use). Selections are distinct strings, so duplicates are found on the union itself:
 * LandsOnce's map form (needed where two tuple elements may be equal) measured ~25 instantiations
 * more per call.
 * CheckSelections<'name' | 'nope as who', never, {}, 'id' | 'name'> == { error: '"nope" is not a reference of this query' }
 */
export type CheckSelections<K extends string, O, I, R extends string> = [Duplicates<K> | Taken<K, ResultKeys<O, I>> | UnknownAsRefs<R, K>] extends [never]
  ? unknown
  : {
      error: [UnknownAsRefs<R, K>] extends [never]
        ? `two selections land on the key "${Duplicates<K> | Taken<K, ResultKeys<O, I>>}": rename one with 'ref as otherName'`
        : UnknownAsRefs<R, K>
    }
// The output keys computed only when the result has keys already.
type Taken<K extends string, Had> = [Had] extends [never] ? never : OutKeys<K> & Had
type Duplicates<K extends string> = { [P in K]: OutKey<P> extends OutKeys<Exclude<K, P>> ? OutKey<P> : never }[K]
type OutKeys<K extends string> = { [P in K]: OutKey<P> }[K]

/**
 * `unknown` when the output keys (one per element of select((eb) => […])) are distinct and not yet
 * in the result; else the error naming the key. A key known only as `string` (an alias held in a string
 * variable) is left to the run-time check.
 * LandsOnce<{ a: 'id'; b: 'id' }, never, {}> == { error: 'two selections land on the key "id"…' }
 */
type LandsOnce<Keys, O, I> = [LandTwice<Keys> | (Literal<Keys[keyof Keys]> & ResultKeys<O, I>)] extends [never]
  ? unknown
  : { error: `two selections land on the key "${LandTwice<Keys> | (Literal<Keys[keyof Keys]> & ResultKeys<O, I>)}": rename one with 'ref as otherName' or .as('otherName')` }
type LandTwice<Keys> = { [P in keyof Keys]: string extends Keys[P] ? never : Keys[P] extends Literal<Keys[Exclude<keyof Keys, P>]> ? Keys[P] : never }[keyof Keys] & string
type Literal<K> = K extends string ? (string extends K ? never : K) : never

/** The keys the result already has: the selections O so far (never: none) and the includes I. */
type ResultKeys<O, I> = [O] extends [never] ? ({} extends I ? never : keyof I & string) : (keyof O | keyof I) & string

/**
 * What a select over table T returns once executed: everything of the table when nothing was
 * selected. The row is read only in that branch: as an argument it was instantiated for every
 * builder type whose result TypeScript read (~50 instantiations per include callback).
 */
export type ResultRow<S extends Schema, T extends string, O, I> = Flat<([O] extends [never] ? RowOf<S, T> : O) & I>

/**
 * The row a select query returns: QueryRow<typeof query> == { id: number; name: string }. A query
 * holds it as a function's return type, which TypeScript computes only when asked: as a plain
 * property it was computed, generic, for each select signature whose result was inferred against
 * `{ '~result': unknown }` (an include callback's contextual return; ~110 instantiations a call).
 */
export type QueryRow<Q> = Q extends { readonly '~result': () => infer R } ? R : never

/** Any query, as a value: what include/whereRelated callbacks return and union/exists take. */
// An interface, not a type literal: a literal in a signature is instantiated again with every
// instantiation of the signature, a non-generic named type never.
export interface AnyQuery {
  readonly '~result': unknown
}

/** Adds a selection to what was selected so far (never = nothing yet). */
export type AddSelection<O, N> = [O] extends [never] ? N : O & N

// ---- Relations in queries: include(), joins.

/** A whole row of table T: RowOf<Clinic, 'people'> == { id: number; name: string; … } */
export type RowOf<S extends Schema, T extends string> = TableRow<ReadColumns<S, T>>

/** The relations of table T, inferred and declared: RelationsOf<Clinic, 'people'>['appointments'] == Rel<'appointments', true, false, …> */
export type RelationsOf<S extends Schema, T extends string> = TableRelations<S['~tables'], S['~referencedBy'], S['~relations'], T>

/** The builder a relation's callback receives: a select over the related table. */
export type RelatedBuilder<S extends Schema, Tg extends string> = SelectQueryBuilder<S, Tg, Refs<Tg, ReadColumns<S, Tg>>>

/**
 * What a relation callback's query returns; every column of table Tg when there is no callback
 * (F is then its constraint, whose `'~result'` is no query's). The whole row is built only then.
 * CallbackResult<(q: …) => SelectQueryBuilder<…, { name: string }>, Clinic, 'people'> == { name: string }
 */
export type CallbackResult<F, S extends Schema, Tg extends string> = F extends (q: never) => { readonly '~result': () => infer R } ? R : ResultRow<S, Tg, never, {}>

/** Many → array, nullable one → `| null`, one → the row. */
export type Included<R, Row> = R extends Rel<string, true> ? Row[] : R extends Rel<string, boolean, true> ? Row | null : Row

/** Names usable in innerJoin/leftJoin: relations of the from table, or `alias.relation` of a joined one. */
export type JoinPath<S extends Schema, T extends string, J> =
  | (keyof RelationsOf<S, T> & string)
  | { [A in keyof J & string]: `${A}.${keyof RelationsOf<S, J[A] & string> & string}` }[keyof J & string]

/** The relation a join path follows. */
export type JoinRelation<S extends Schema, T extends string, J, P extends string> = P extends `${infer A}.${infer N}`
  ? A extends keyof J
    ? RelationsOf<S, J[A] & string>[N & keyof RelationsOf<S, J[A] & string>]
    : never
  : RelationsOf<S, T>[P & keyof RelationsOf<S, T>]

/** The alias a join along a path gets: its relation name. */
export type JoinAlias<P extends string> = P extends `${string}.${infer N}` ? N : P

/** `alias.column` references of a joined table (its ReadColumns), nullable for a left join. */
// Over the key union, and over the columns as declared, like Refs.
export type JoinedRefs<A extends string, Cols extends Readable, Nullable extends boolean> = {
  [K in `${A}.${keyof Cols & string}`]: K extends `${A}.${infer N}` ? (Nullable extends true ? Cols[N & keyof Cols]['~select'] | null : Cols[N & keyof Cols]['~select']) : never
}

/** Tables (or relations) usable in the explicit join forms. */
export type JoinTable<S extends Schema, T extends string> = (keyof S['~tables'] & string) | (keyof RelationsOf<S, T> & string)

/** The table an explicit join names: a relation of the from table, else the table itself. */
export type JoinTableKey<S extends Schema, T extends string, N extends string> = N extends keyof RelationsOf<S, T>
  ? RelationsOf<S, T>[N] extends { target: infer Tg extends string }
    ? Tg
    : never
  : N

/** The qualified references of an outer query, visible inside a correlated subquery: OuterRefs<{ id: number; 'people.id': number }> == { 'people.id': number } */
export type OuterRefs<C> = { [K in keyof C as K extends `${string}.${string}` ? K : never]: C[K] }

/**
 * What `select((eb) => [...])` adds to the result, from the tuple the callback returns: columns
 * by their output keys, aliased expressions by their aliases.
 * CallbackSelected<{ name: string }, readonly ['name', AliasedExpression<number, 'n'>]> == { name: string; n: number }
 */
// A mapped type, resolved only when its keys are read: while select had an overload per form,
// every select([...]) call instantiated the callback overload's return type with A's whole
// constraint, and a conditional over that union (Extract<A[number], string>) cost ~180
// instantiations per call. Only a tuple's own `${number}` keys are walked, not its methods.
export type CallbackSelected<C, A> = { [I in keyof A & `${number}` as OutputKey<A[I]>]: OutputType<C, A[I]> }
type OutputKey<E> = E extends string ? OutKey<E> : E extends { alias: infer N extends string } ? N : never
type OutputType<C, E> = E extends string ? C[RefOf<E> & keyof C] : E extends { '~type': infer V } ? V : never

/** `unknown` when the keys select((eb) => […]) adds land once each (LandsOnce). */
export type CallbackKeysFree<A, O, I> = LandsOnce<{ [P in keyof A & `${number}`]: OutputKey<A[P]> }, O, I>

/** The value of a one-column subquery used as a scalar: null when it finds no row. */
export type ScalarOf<R> = R[keyof R] | null

/** `unknown` when a set operation's operand has the same row type as this query, else an error. */
export type SameRow<R, Other> = [R] extends [Other] ? ([Other] extends [R] ? unknown : { error: 'union/intersect/except: both queries must select the same columns with the same types' }) : { error: 'union/intersect/except: both queries must select the same columns with the same types' }

/** `unknown` when the result has no key `N` yet; else an error asking to include each relation once. */
// ResultKeys written out: in include()'s parameter the alias measured ~13 instantiations a call more.
export type FreeKey<N extends string, O, I> = [N & (([O] extends [never] ? never : keyof O) | keyof I)] extends [never]
  ? unknown
  : { error: `the result already has a key "${N}": include each relation once, and rename selections that clash with 'ref as otherName'` }

/** `unknown` when no table of the query is called `A` yet; else an error asking for another alias. */
export type FreeAlias<A extends string, T extends string, J> = [A & (T | keyof J)] extends [never]
  ? unknown
  : { error: `"${A}" already names a table of this query: join it under another alias with innerJoin(table, alias, (j) => j.on(…))` }
