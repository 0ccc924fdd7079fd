// Relation inference at type level, by the naming rules of API.md §1 (the runtime twin is
// src/schema/relations.ts; tests assert both give the same names). Per TYPES.md: one index per
// schema (the tables referencing each table), everything else local to one table's columns, and a
// table's relations computed only when a query asks for them.
import type { Columns } from '../src/schema/table.js'
import type { ExplicitRelationSpec } from '../src/schema/relations.js'

/** The columns of table K of schema T (never when T[K] is not a table): cached per table, read by every per-table question. */
export type Cols<T, K> = K extends keyof T ? (T[K] extends HasColumns ? T[K]['~columns'] : never) : never
interface HasColumns {
  '~columns': Columns
}

/**
 * A table's foreign keys as `'column>table.column'`, from one pass over its columns with no
 * conditional per column (a column that references nothing has `'~fk'` never, so its template
 * is never). Every other question about foreign keys reads this small union, never the columns again.
 * FkEntries<{ id: …, personId: references('people.id') }> == 'personId>people.id'
 */
export type FkEntries<C extends Columns> = FkEntriesOf<C, keyof C & string>
// The key union is computed once and passed in: written twice (`[K in keyof C & string]: …`
// `[keyof C & string]`) it was instantiated twice per table (0.8k at 200 tables).
type FkEntriesOf<C extends Columns, Keys extends keyof C & string> = { [K in Keys]: `${K}${C[K]['~fk']}` }[Keys]

type EntryColumn<E> = E extends `${infer K}>${string}` ? K : never
type EntryTarget<E> = E extends `${string}>${infer Tb}.${string}` ? Tb : never

/** FkColumns<{ id: …, personId: references('people.id') }> == 'personId' */
export type FkColumns<C extends Columns> = EntryColumn<FkEntries<C>>

/** The foreign keys of a table with columns C that reference table B, as 'column>B.column'. */
type EntriesTo<C extends Columns, B extends string> = FkEntries<C> & `${string}>${B}.${string}`
/** The FK columns of a table that reference table B. */
type FksTo<C extends Columns, B extends string> = EntryColumn<EntriesTo<C, B>>

// `Id` first: no key ends in both suffixes, and camelCase keys (the DSL's usual style) match at once.
type Stripped<K extends string> = K extends `${infer N}Id` ? N : K extends `${infer N}_id` ? N : ''

/**
 * Many-to-one name of FK column K to table Tg (rule 1): personId → person; reportsTo →
 * reportsToEmployee (no suffix, or the stripped name is a column) — the target table key is appended.
 */
export type ManyToOneName<C, K extends string, Tg extends string> = NameOrAppended<Stripped<K>, C, K, Tg>
// The stripped key comes in as an argument: bound with `infer`, its pattern was instantiated with each name.
type NameOrAppended<N, C, K extends string, Tg extends string> = N extends '' | keyof C ? `${K}${Capitalize<Tg>}` : N

/** Every foreign key of the schema as `'table.column>table.column'`. */
export type SchemaFks<T> = { [K in keyof T & string]: `${K}.${FkEntries<Cols<T, K>>}` }[keyof T & string]

/**
 * Per table, the tables whose foreign keys reference it, built once per schema from what schema()'s
 * scan reads anyway (the tables a table references). A table's foreign keys are parsed, a pass over
 * its columns, only when a query needs the backrefs they give: at 1000 tables, building an index of
 * every foreign key on the first query that follows a relation cost 80k instantiations.
 * ReferencedBy<clinicTables> == { people: 'appointments' | 'attendances'; appointments: 'attendances' }
 */
// Keyed through a union of 'A>B' strings, as an index of every foreign key was: keyed by table
// (`[A in keyof T as …]`, a key union per table) it checked 0.4 s slower over 200 queries. Only the
// keys read the schema's columns: with T in the values, TypeScript compared the index with Schema's
// when checking createDb's `S extends Schema` (+2.5k at 200 tables).
export type ReferencedBy<T> = { [E in TablePairs<T> as E extends `${string}>${infer B}` ? B : never]: E extends `${infer A}>${string}` ? A : never }
/** 'A>B' for every table A and table B its foreign keys reference. */
type TablePairs<T> = { [A in keyof T & string]: `${A}>${FkTargets<Cols<T, A>>}` }[keyof T & string]

/**
 * What foreign key A.K>B.col gives table B, parsed once: its backref's name, relation and path, and
 * (when A is a junction) the many-to-many's target. Each property is computed when first read.
 */
type Backref<T, E> = E extends `${infer A}.${infer K}>${infer B}.${string}`
  ? { name: BackrefName<Cols<T, A>, A, K, B>; path: `${A}.${K}`; rel: BackrefRel<T, A, K>; junction: JunctionTarget<T, A, K, B> }
  : never

/** The backrefs of table B: its key of the index matched (never `keyof` of the index: not cached). */
type BackrefsOf<T, I, B extends string> = I extends { [K in B]: infer A } ? Backref<T, FksInto<T, A, B>> : never
/** The foreign keys of tables A into table B, as 'A.column>B.column'. */
type FksInto<T, A, B extends string> = A extends string ? `${A}.${EntriesTo<Cols<T, A>, B>}` : never

/** What a many-to-one of a table (FK entry 'K>Tg.col') gives it, parsed once. */
type ManyToOne<C extends Columns, F> = F extends `${infer K}>${infer Tg}.${string}`
  ? { name: ManyToOneName<C, K, Tg>; column: K; rel: Rel<Tg, false, C[K]['~']['nullable'] extends true ? true : false, `m2o:${K}`> }
  : never

/** The many-to-ones of a table with columns C. */
type ManyToOnesOf<C extends Columns> = ManyToOne<C, FkEntries<C>>

/** A relation with its name on its table: what ManyToOne and Backref have in common. */
interface Named {
  name: string
  rel: Rel
}
/** A ManyToOne: its FK column. */
interface ManyToOneShape extends Named {
  column: string
}
/** A Backref: its FK path ('table.column') and, through a junction, the many-to-many's target. */
interface BackrefShape extends Named {
  path: string
  junction: string
}

/** Is FK column K of table A unique on its own (unique, or the table's whole primary key)? */
type IsUniqueFk<T, A, K> = Cols<T, A>[K & keyof Cols<T, A>]['~']['unique'] extends true
  ? true
  : [PrimaryKeyOf<T, A>] extends [K]
    ? [K] extends [PrimaryKeyOf<T, A>]
      ? true
      : false
    : false

/** The columns of table A's composite primary key (never without one): read once per table. */
type PrimaryKeyOf<T, A> = A extends keyof T ? (T[A] extends { '~primaryKey': infer P } ? P : never) : never

/** A relation as the types see it: target table, one or many, nullable (for one); `id` names its source. */
export interface Rel<Target extends string = string, Many extends boolean = boolean, Nullable extends boolean = boolean, Id extends string = string> {
  target: Target
  many: Many
  nullable: Nullable
  id: Id
}

type BackrefRel<T, A extends string, K extends string> = IsUniqueFk<T, A, K> extends true ? Rel<A, false, true, `back:${A}.${K}`> : Rel<A, true, false, `back:${A}.${K}`>

/**
 * Relations keyed by their names: a map over the names themselves, whose keys TypeScript reads as
 * that union; a relation is built only when its key is read. A name picks its relation by
 * intersection: the others reduce to never (Extract was a conditional per relation).
 */
type ByName<D extends Named> = { [N in D['name']]: (D & { name: N })['rel'] }

/**
 * Backref name of FK A.K into B (rule 2), from A's columns CA: A, or `${A}By${Capitalize<m2o name>}`
 * when A is B or has another foreign key to B.
 */
type BackrefName<CA extends Columns, A extends string, K extends string, B extends string> = A extends B
  ? `${A}By${Capitalize<ManyToOneName<CA, K, B>>}`
  : [Exclude<FksTo<CA, B>, K>] extends [never]
    ? A
    : `${A}By${Capitalize<ManyToOneName<CA, K, B>>}`

/**
 * For FK J.K into B from a junction J (primary key = exactly two FK columns): the table the
 * junction's other FK column references, unless that is B itself (a self-junction is not inferred).
 */
type JunctionTarget<T, J extends string, K extends string, B extends string> = K extends PrimaryKeyOf<T, J>
  ? Exclude<PrimaryKeyOf<T, J>, K> extends infer O extends string
    ? IsSingle<O> extends true
      ? EntryTarget<FkEntries<Cols<T, J>> & `${O}>${string}`> extends infer X extends string
        ? X extends B
          ? never
          : X
        : never
      : never
    : never
  : never

/** `{ target table: junction paths }` for every junction reaching a table: no key for most tables. */
type JunctionTargets<P extends BackrefShape> = { [X in P['junction']]: PathsVia<P, X> }
// Not Extract<P, { junction: X }>: a backref that is no junction has junction `never`, which matches any X.
type PathsVia<P extends BackrefShape, X> = P extends unknown ? (X extends P['junction'] ? P['path'] : never) : never

type IsSingle<U> = [U] extends [never] ? false : { [X in U & string]: Exclude<U, X> }[U & string] extends never ? true : false

/** Many-to-many through junctions (rule 3): unambiguous, and only where the name is free. */
// Mapped over the names computed once (ManyToManyNames): with the names in an `as` clause, every
// `keyof` of a table's relations (each include's, join's constraint) computed them again.
type ManyToManys<P extends BackrefShape, Taken> = {
  [X in ManyToManyNames<JunctionTargets<P>, Taken>]: Rel<X, true, false, `m2m:${JunctionTargets<P>[X] & string}`>
}
type ManyToManyNames<J, Taken> = { [X in keyof J]: X extends Taken ? never : IsSingle<J[X]> extends true ? X : never }[keyof J] & string

/** Every relation inferred for table B, before explicit `relations` are applied. */
export type InferredRelations<T, I, B extends string> = InferredFrom<Cols<T, B>, ManyToOnesOf<Cols<T, B>>, BackrefsOf<T, I, B>>

// Most tables have no junction among their backrefs: their relations are then the one map (an
// intersection with the empty many-to-many map measured 3.8k instantiations more over 200 queries).
type InferredFrom<C extends Columns, M extends Named, P extends BackrefShape> = [P['junction']] extends [never]
  ? ByName<M | P>
  : ByName<M | P> & ManyToManys<P, keyof C | M['name'] | P['name']>

/**
 * A table's relations: explicit ones (from `relations`) win by name, and replace the inferred
 * relation over the same foreign key (that is how a relation is renamed).
 * Relations<clinicTables, ReferencedBy<…>, {}, 'people'> == { appointments: Rel<'appointments', true, …>; attendances: … }
 */
export type TableRelations<T, I, X, B extends string> = B extends keyof X
  ? WithExplicit<Cols<T, B>, ManyToOnesOf<Cols<T, B>>, BackrefsOf<T, I, B>, ResolveExplicit<T, B, X[B]>>
  : InferredRelations<T, I, B>

// The inferred relations are filtered before they are keyed: a name shared by a many-to-one and a
// backref (a collision the explicit relations resolve) keeps the one not replaced. Many-to-many
// names count as taken by every inferred name, as at run time.
type WithExplicit<C extends Columns, M extends Named, P extends BackrefShape, E> = ByName<
  Exclude<M | P, { name: keyof E } | { rel: { id: ExplicitIds<E> } }>
> &
  Keep<ManyToManys<P, keyof C | M['name'] | P['name']>, E> &
  E

/** The inferred relations an explicit one neither names nor replaces (same foreign key). */
type Keep<M, E> = { [N in keyof M as N extends keyof E ? never : M[N] extends { id: ExplicitIds<E> } ? never : N]: M[N] }
type ExplicitIds<E> = { [N in keyof E]: E[N] extends { id: infer Id } ? Id : never }[keyof E]

// ---- Collision check at schema(), per table, run only when CheckRelations' one pass over the
// foreign keys found a clash: a many-to-one and a backref, or a column and a backref or a
// many-to-one, that land on the same name of one table; two many-to-ones of one table; two
// backrefs. It builds the sentences and reads the explicit relations, which resolve collisions.

type CollisionsOf<T, I, B extends string, X> = CollisionsWith<
  B,
  Cols<T, B>,
  ManyToOnesOf<Cols<T, B>>,
  BackrefsOf<T, I, B>,
  B extends keyof X ? ResolveExplicit<T, B, X[B]> : {}
>

type CollisionsWith<B extends string, C extends Columns, M extends ManyToOneShape, P extends BackrefShape, E> =
  | ([Extract<P['name'], keyof C | M['name']>] extends [never] ? never : CollisionMessage<B, M, P, keyof C & string, E>)
  | ([Extract<M['name'], keyof C>] extends [never] ? never : ManyToOneOnColumn<B, M, keyof C & string, E>)
  | (IsSingle<M['column']> extends true ? never : ManyToOneTwice<B, SharedName<M, M, E>>)
  | (IsSingle<P['path']> extends true ? never : BackrefTwice<B, SharedName<P, P, E>>)

/** A name not taken by an explicit relation, from a relation not replaced by one. */
type Unresolved<D extends Named, E> = D extends unknown ? (D['name'] extends keyof E ? never : D['rel']['id'] extends ExplicitIds<E> ? never : D['name']) : never

/** The relations of D whose name, unresolved, another relation of All has too. */
type SharedName<D extends Named, All extends Named, E> = D extends unknown
  ? Unresolved<D, E> extends infer N extends string
    ? N extends Unresolved<Exclude<All, D>, E>
      ? D
      : never
    : never
  : never

type ManyToOneOnColumn<B extends string, M extends ManyToOneShape, Columns extends string, E> = M extends unknown
  ? Unresolved<M, E> extends infer N extends Columns
    ? `relation name collision: ${B}.${N} is a column and the many-to-one via ${B}.${M['column']}; name the relation in schema({...}, { relations })`
    : never
  : never
type ManyToOneTwice<B extends string, M extends ManyToOneShape> = M extends unknown
  ? `relation name collision: ${B}.${M['name']} is inferred from two many-to-ones (${B}.${M['column']} and another column); name them in schema({...}, { relations })`
  : never
type BackrefTwice<B extends string, P extends BackrefShape> = P extends unknown
  ? `relation name collision: ${B}.${P['name']} is the backref of ${P['path']} and of another foreign key; name them in schema({...}, { relations })`
  : never

type CollisionMessage<B extends string, M extends ManyToOneShape, P extends BackrefShape, Columns extends string, E> = P extends unknown
  ? Unresolved<P, E> extends infer N extends string
    ? N extends Columns
      ? `relation name collision: ${B}.${N} is a column and the backref of ${P['path']}; name the relation in schema({...}, { relations })`
      : M extends { name: N; column: infer K extends string }
        ? `m2o:${K}` extends ExplicitIds<E>
          ? never
          : `relation name collision: ${B}.${N} is inferred from many-to-one via ${B}.${K} and from the backref of ${P['path']}; name one of them in schema({...}, { relations })`
        : never
    : never
  : never

/**
 * `unknown` when no two relations of a table can share a name; else, for each table, `unknown` or
 * its collision sentence. The first question is one pass over the schema's foreign keys (a few
 * instantiations each); the per-table check, which builds the sentences and reads the explicit
 * relations, runs only when it finds a clash. Explicit relations only ever resolve clashes.
 * schema() asks it only when SchemaMayFault found something.
 */
export type CheckRelations<T, X> = SchemaFks<T> extends infer Fks extends string
  ? [Clashes<T, Fks, { [E in Fks]: FkNames<T, E> }, Extract<keyof T, `${string}By${string}`>>] extends [never]
    ? unknown
    : CheckTables<T, X>
  : never

/**
 * Never when schema() has nothing to report: every reference to a column of the schema, no
 * relation name given twice. One scan per table, of what is cheap to read: its column keys
 * (`keyof`) and what its foreign keys reference (one property read over all its columns), never
 * which column is a foreign key. When it finds something, CheckReferences and CheckRelations say
 * what, from the foreign keys one by one.
 *
 * For names it over-approximates. A many-to-one's name is its FK column's key stripped of
 * `Id`/`_id`, or the key and the target's capitalized key (appended: `owner` to `users` gives
 * `ownerUsers`); a backref's is the referencing table's key A, or `${A}By…`. Two of a table's
 * names meet only when
 * - a table key contains `By` (two backrefs: the table `messagesBySender` and a backref);
 * - a table A referencing it meets one of its columns: A, `${A}Id` or `${A}_id` (stripped to A),
 *   or one starting `${A}By`;
 * - one of its keys (with or without `Id`/`_id`), or the key of a table referencing it, ends in
 *   a target's capitalized key (an appended name meets a column, a stripped name, a backref);
 * - one target's key ends in another's capitalized key (two appended names: `owner` to
 *   `userAccounts`, `ownerUser` to `accounts`), or two columns are `xId` and `x_id`.
 * (PascalCase keys, `ArtistId` to `Artist`, end in their target's key: such a schema is always
 * checked one foreign key at a time.)
 */
export type SchemaMayFault<T> =
  ColumnTargets<T> extends infer All extends string
    ?
        | (keyof T & `${string}By${string}`)
        | { [A in keyof T & string]: TableMayFault<A, Cols<T, A>, All, NamesMet<T>, FkTargets<Cols<T, A>>> }[keyof T & string]
        | RareColumns<T, All, ColumnKeys<T>>
    : never

// Each literal met by a template in an intersection is a subtype check (TypeScript's relation
// machinery and its cache), the scan's main cost: at 200 tables it made 17.6k of them, 5.3k now.
// The column keys are asked once, each distinct key once (~220 among 2,500 columns), before
// every column is.
/** The schema's column keys, each once. */
type ColumnKeys<T> = { [B in keyof T & string]: keyof Cols<T, B> & string }[keyof T & string]

/** Columns with `By` in their key, or ending in `_id` (ByColumns, SnakeTwin): looked for among every column only when some key has one. */
type RareColumns<T, All, Keys> =
  | ([Keys & `${string}By${string}`] extends [never] ? never : ByColumns<T, All & `>${string}.${string}By${string}`>)
  | ([Keys & `${string}_id`] extends [never] ? never : SnakeTwin<All & `>${string}_id`, All>)

/** Every column of the schema as `'>table.column'` (what a foreign key to it holds in `'~fk'`): one template per table. */
export type ColumnTargets<T> = { [K in keyof T & string]: `>${K}.${keyof Cols<T, K> & string}` }[keyof T & string]

/**
 * What table A (columns C) may have to report, as SchemaMayFault says: a reference to no column;
 * A's backref names (A, or a column stripped to A) met at a table it references (M); a key or a
 * target of A that contains a target's capitalized key (ending in it, with or without `Id`/`_id`,
 * is what can clash: one template per target instead of three).
 */
// The targets come in as an argument: FkTargets of a table is the same instantiation that
// ReferencedBy (every query along a relation) and ByColumns read.
type TableMayFault<A extends string, C extends Columns, All, M extends Record<string, string>, Targets extends string> =
  | Exclude<C[keyof C]['~fk'], All>
  | (`${A}${'' | 'Id' | '_id'}` & M[Targets])
  | ((keyof C | Targets) & `${string}${Capitalize<Targets>}${string}`)

/** The tables the foreign keys of a table with columns C reference. */
type FkTargets<C extends Columns> = EntryTarget<C[keyof C]['~fk']>

/** Per table, what a backref name meets there: its columns, and any name ending in a target's capitalized key. */
type NamesMet<T> = { [B in keyof T & string]: (keyof Cols<T, B> & string) | `${string}${Capitalize<FkTargets<Cols<T, B>>>}` }

/** Columns starting `${A}By` of a table A references (only when some column has `By` in its key). */
type ByColumns<T, ByCols> = [ByCols] extends [never]
  ? never
  : ByCols & { [A in keyof T & string]: `>${FkTargets<Cols<T, A>>}.${A}By${string}` }[keyof T & string]

/** `xId` beside `x_id` in one table: both many-to-ones are named `x`. */
type SnakeTwin<SnakeCols, All> = SnakeCols extends `${infer N}_id` ? Extract<`${N}Id`, All> : never

type CheckTables<T, X> = ReferencedBy<T> extends infer I
  ? { [B in keyof T]: [CollisionsOf<T, I, B & string, X>] extends [never] ? unknown : CollisionsOf<T, I, B & string, X> }
  : never

// The names one foreign key 'A.K>B.col' gives, as 'table:name': its many-to-one on A, its backref
// on B; and the foreign keys of its table A (itself among them). Everything is local to A (its
// other FKs to B decide `By`). Parsed once per foreign key, each property computed when read:
// three aliases parsing the key each (names, backref, siblings) cost schema() 4.5k more at 200
// tables, 27k at 1000.
type FkNames<T, E> = E extends `${infer A}.${infer K}>${infer B}.${string}`
  ? { m2o: `${A}:${ManyToOneName<Cols<T, A>, K, B>}`; back: `${B}:${BackrefName<Cols<T, A>, A, K, B>}`; siblings: `${A}.${FkEntries<Cols<T, A>>}` }
  : never
interface FkNamesShape {
  m2o: string
  back: string
  siblings: string
}

/** Every column as 'table:column': one template per table. */
type ColumnPairs<T> = { [K in keyof T & string]: `${K}:${keyof Cols<T, K> & string}` }[keyof T & string]

/**
 * The clashing names: a backref or a many-to-one on a column's key, a backref on a many-to-one's
 * name, a many-to-one name two FKs of one table give, and (only when a table key contains 'By') a
 * backref name given twice.
 * Backref names are `${A}` or `${A}By…`: two meet only through a key containing 'By', or when two
 * FKs of one table to one target give the same many-to-one name, which is a clash found here too.
 */
type Clashes<T, Fks extends string, N extends Record<string, FkNamesShape>, ByKeys> =
  | Extract<N[Fks]['back'] | N[Fks]['m2o'], ColumnPairs<T>>
  | Extract<N[Fks]['back'], N[Fks]['m2o']>
  | { [E in Fks]: N[E]['m2o'] extends N[Exclude<N[E]['siblings'], E>]['m2o'] ? E : never }[Fks]
  | ([ByKeys] extends [never] ? never : { [E in Fks]: N[E]['back'] extends N[Exclude<Fks, E>]['back'] ? E : never }[Fks])

// ---- Explicit relations: `relations: (r) => ({ people: { meetings: r.many('appointments', { through: 'attendances' }) } })`

/** What `r.one` / `r.many` return; resolved against its table by `TableRelations`. */
export interface ExplicitRelation<Target extends string = string, Many extends boolean = boolean, F extends string = string, J extends string = string> {
  /** Type-level only. */
  readonly '~explicit': { target: Target; many: Many; foreignKey: F; through: J }
  readonly '~spec': ExplicitRelationSpec
}

/** The `r` of `relations: (r) => …`. */
export interface RelationBuilder<T> {
  /**
   * A single related row: many-to-one through a foreign key of this table, or one-to-one through
   * a foreign key of the target. `foreignKey` picks the column when several could join.
   */
  one<Tg extends keyof T & string, F extends string = never>(target: Tg, options?: { foreignKey?: F }): ExplicitRelation<Tg, false, F, never>
  /**
   * Related rows: one-to-many through the target's foreign key, or many-to-many `through` a
   * junction table (`foreignKey` then names the junction's column pointing back here).
   */
  many<Tg extends keyof T & string, F extends string = never, J extends keyof T & string = never>(
    target: Tg,
    options?: { foreignKey?: F; through?: J },
  ): ExplicitRelation<Tg, true, F, J>
}

/** What the `relations` callback may return: per table, relation names to r.one/r.many. */
// (Constrained by the runtime part only: a constraint on the phantom part would be inferred into
// r.one/r.many's defaults through the return type.)
export type ExplicitShape<T> = { [K in keyof T]?: Record<string, { readonly '~spec': ExplicitRelationSpec }> }

type NullableCol<C, K> = C[K & keyof C] extends { '~': { nullable: true } } ? true : false

type ResolveOne<T, B extends string, Tg extends string, F extends string> = [F] extends [never]
  ? FksTo<Cols<T, B>, Tg> extends infer K extends string
    ? [K] extends [never]
      ? Rel<Tg, false, true, `back:${Tg}.${FksTo<Cols<T, Tg>, B>}`>
      : Rel<Tg, false, NullableCol<Cols<T, B>, K>, `m2o:${K}`>
    : never
  : F extends FkColumns<Cols<T, B>>
    ? Rel<Tg, false, NullableCol<Cols<T, B>, F>, `m2o:${F}`>
    : Rel<Tg, false, true, `back:${Tg}.${F}`>

type ResolveMany<T, B extends string, Tg extends string, F extends string, J extends string> = [J] extends [never]
  ? Rel<Tg, true, false, `back:${Tg}.${[F] extends [never] ? FksTo<Cols<T, Tg>, B> : F}`>
  : Rel<Tg, true, false, `m2m:${J}.${[F] extends [never] ? FksTo<Cols<T, J>, B> : F}`>

/**
 * Why each explicit relation of X does not join its tables, as run time says it (resolveExplicit
 * in src/schema/relations.ts), at the relation's key; `unknown` for those that do.
 * ExplicitFaults<socialTables, { users: { x: ExplicitRelation<'tags', false> } }>
 *   == { users: { x: 'relations: users.x: no foreign key of tags joins these tables' } }
 */
export type ExplicitFaults<T, X> = {
  [B in keyof X]: B extends keyof T
    ? {
        [N in keyof X[B]]: ExplicitFault<T, B & string, X[B][N]> extends infer F extends string
          ? [F] extends [never]
            ? unknown
            : `relations: ${B & string}.${N & string}: ${F}`
          : unknown
      }
    : `relations: "${B & string}" is not a table of the schema`
}

type ExplicitFault<T, B extends string, E> = E extends ExplicitRelation<infer Tg, infer M, infer F, infer J>
  ? [J] extends [never]
    ? M extends true
      ? PickFault<FksTo<Cols<T, Tg>, B>, F, Tg>
      : OwnFk<T, B, Tg, F> extends true
        ? PickFault<FksTo<Cols<T, B>, Tg>, F, B>
        : PickFault<FksTo<Cols<T, Tg>, B>, F, Tg>
    : PickFault<FksTo<Cols<T, J>, B>, F, J> extends infer Fault
      ? [Fault] extends [never]
        ? PickFault<Exclude<FksTo<Cols<T, J>, Tg>, [F] extends [never] ? FksTo<Cols<T, J>, B> : F>, never, J>
        : Fault
      : never
  : never

/** Does r.one join through a foreign key of its own table B (many-to-one) rather than of the target (one-to-one)? As explicitOne at run time. */
type OwnFk<T, B extends string, Tg extends string, F extends string> = [F] extends [never]
  ? [FksTo<Cols<T, B>, Tg>] extends [never]
    ? false
    : true
  : F extends FksTo<Cols<T, B>, Tg>
    ? true
    : false

/** Why `foreignKey` F (or none) does not pick one of the candidate FK columns of a table. */
type PickFault<Candidates extends string, F extends string, Table extends string> = [F] extends [never]
  ? [Candidates] extends [never]
    ? `no foreign key of ${Table} joins these tables`
    : IsSingle<Candidates> extends true
      ? never
      : `several foreign keys join these tables (${Candidates}); say which with { foreignKey }`
  : F extends Candidates
    ? never
    : [Candidates] extends [never]
      ? `no foreign key of ${Table} joins these tables`
      : `"${F}" is not a foreign key of ${Table} here`

/** The explicit relations of table B as `Rel`s. */
export type ResolveExplicit<T, B extends string, E> = {
  [N in keyof E]: E[N] extends ExplicitRelation<infer Tg, infer M, infer F, infer J>
    ? M extends true
      ? ResolveMany<T, B, Tg, F, J>
      : ResolveOne<T, B, Tg, F>
    : never
}
