// Relation inference at type level, by the naming rules of API.md §1 (the runtime twin is
// src/schema/relations.ts; tests assert both give the same names). Per TYPES.md: one FK index
// per schema grouped by target table, everything else local to one table's columns, and a
// table's relations computed only when a query asks for them.
import type { Columns } from '../src/schema/table.js'
import type { ExplicitRelationSpec } from '../src/schema/relations.js'

/** The columns of table K of schema T (never when T[K] is not a table): cached per table, read by every per-table question. */
export type Cols<T, K> = K extends keyof T ? (T[K] extends { '~columns': infer C extends Columns } ? C : never) : never

/**
 * A table's foreign keys as `'column>table.column'`, from one pass over its columns with no
 * conditional per column (a column that references nothing has `'~fk'` never, so its template
 * is never). Every other question about foreign keys reads this small union, never the columns again.
 * FkEntries<{ id: …, personId: references('people.id') }> == 'personId>people.id'
 */
export type FkEntries<C extends Columns> = { [K in keyof C & string]: `${K}${C[K]['~fk']}` }[keyof C & string]

type EntryColumn<E> = E extends `${infer K}>${string}` ? K : never
type EntryTarget<E> = E extends `${string}>${infer Tb}.${string}` ? Tb : never

/** FkColumns<{ id: …, personId: references('people.id') }> == 'personId' */
export type FkColumns<C extends Columns> = EntryColumn<FkEntries<C>>

/** The FK columns of a table that reference table B. */
type FksTo<C extends Columns, B extends string> = EntryColumn<Extract<FkEntries<C>, `${string}>${B}.${string}`>>

type Stripped<K extends string> = K extends `${infer N}_id` ? N : K extends `${infer N}Id` ? N : ''

/**
 * Many-to-one name of FK column K to table Tg (rule 1): personId → person; reportsTo →
 * reportsToEmployee (no suffix, or the stripped name is a column) — the target table key is appended.
 */
export type ManyToOneName<C, K extends string, Tg extends string> = Stripped<K> extends infer N extends string
  ? N extends '' | keyof C
    ? `${K}${Capitalize<Tg>}`
    : N
  : never

type EntryName<C, E> = ManyToOneName<C, EntryColumn<E>, EntryTarget<E>>

/** Every foreign key of the schema as `'table.column>table.column'`. */
export type SchemaFks<T> = { [K in keyof T & string]: `${K}.${FkEntries<Cols<T, K>>}` }[keyof T & string]

/** Every FK path `'table.column'` of the schema, keyed by the table it references. Built once per schema. */
export type FkIndex<T> = { [E in SchemaFks<T> as EntryTarget<E>]: E extends `${infer P}>${string}` ? P : never }

/** The FK paths that reference table B: a one-key match, never `keyof` of the index (not cached). */
type BackrefPaths<I, B extends string> = I extends { [K in B]: infer P } ? P & string : never

/** Is FK column K of a table unique on its own (unique, or the table's whole primary key)? */
type IsUniqueFk<Tb, K> = Tb extends { '~columns': infer C extends Columns; '~primaryKey': unknown }
  ? C[K & keyof C]['~']['unique'] extends true
    ? true
    : [Tb['~primaryKey']] extends [K]
      ? [K] extends [Tb['~primaryKey']]
        ? true
        : false
      : false
  : false

/**
 * A relation as the types see it: target table, one or many, nullable (for one). `id` names its
 * source; `name` is its name on its table (`string` where it is the key of an explicit relation).
 */
export interface Rel<Target extends string = string, Many extends boolean = boolean, Nullable extends boolean = boolean, Id extends string = string, Name extends string = string> {
  target: Target
  many: Many
  nullable: Nullable
  id: Id
  name: Name
}

/**
 * A table's many-to-ones and backrefs as one union of relations, each carrying its name: each
 * name is computed once, then the map is keyed by it (ByName). Two maps remapped over foreign keys
 * and paths computed every name again for each question asked of them (a table's relations
 * measured ~500 instantiations that way, ~360 this way: 1 FK and 2 backrefs, 200 tables).
 */
type DirectRelations<T, C extends Columns, Paths extends string, B extends string> = ManyToOneRelations<C, FkEntries<C>> | BackrefRelations<T, Paths, B>

type ManyToOneRelations<C extends Columns, E> = E extends `${infer K}>${infer Tg}.${string}`
  ? Rel<Tg, false, C[K]['~']['nullable'] extends true ? true : false, `m2o:${K}`, ManyToOneName<C, K, Tg>>
  : never

type BackrefRelations<T, Paths extends string, B extends string> = Paths extends `${infer A}.${infer K}`
  ? IsUniqueFk<T[A & keyof T], K> extends true
    ? Rel<A, false, true, `back:${Paths}`, BackrefName<T, Paths, B>>
    : Rel<A, true, false, `back:${Paths}`, BackrefName<T, Paths, B>>
  : never

/** Relations keyed by their names: a map over the names themselves, whose keys TypeScript reads as that union. */
type ByName<R extends Rel> = { [N in R['name']]: Extract<R, { name: N }> }

/**
 * Backref name of path A.K into B (rule 2): A, or `${A}By${Capitalize<m2o name>}` when A is B or
 * has another foreign key to B (read from A's own foreign keys).
 */
export type BackrefName<T, P extends string, B extends string> = P extends `${infer A}.${infer K}`
  ? A extends B
    ? `${A}By${Capitalize<ManyToOneName<Cols<T, A>, K, B>>}`
    : [Exclude<FksTo<Cols<T, A>, B>, K>] extends [never]
      ? A
      : `${A}By${Capitalize<ManyToOneName<Cols<T, A>, K, B>>}`
  : never

/**
 * For a path J.K into B from a junction J (primary key = exactly two FK columns): the table the
 * junction's other FK column references, unless that is B itself (a self-junction is not inferred).
 */
type JunctionTarget<T, P, B extends string> = P extends `${infer J}.${infer K}`
  ? T[J & keyof T] extends { '~primaryKey': infer PK }
    ? K extends PK
      ? Exclude<PK, K> extends infer O extends string
        ? IsSingle<O> extends true
          ? EntryTarget<Extract<FkEntries<Cols<T, J>>, `${O}>${string}`>> extends infer X extends string
            ? X extends B
              ? never
              : X
            : never
          : never
        : never
      : never
    : never
  : never

/** `{ target table: junction path }` for every junction reaching B. */
// Over the targets themselves (a map remapped over the paths asked JunctionTarget again for each
// question; most tables have no junction, and then this map has no key).
type JunctionTargets<T, Paths extends string, B extends string> = { [X in JunctionTargetOf<T, Paths, B>]: PathsVia<T, Paths, B, X> }
type JunctionTargetOf<T, Paths extends string, B extends string> = Paths extends string ? JunctionTarget<T, Paths, B> : never
type PathsVia<T, Paths extends string, B extends string, X> = Paths extends string ? (X extends JunctionTarget<T, Paths, B> ? Paths : never) : never

type IsSingle<U> = [U] extends [never] ? false : { [X in U & string]: Exclude<U, X> }[U & string] extends never ? true : false

/** Many-to-many through junctions (rule 3): unambiguous, and only where the name is free. */
type ManyToManys<T, Paths extends string, B extends string, Taken> = {
  [X in keyof JunctionTargets<T, Paths, B> as X extends Taken ? never : IsSingle<JunctionTargets<T, Paths, B>[X]> extends true ? X : never]: Rel<
    X & string,
    true,
    false,
    `m2m:${JunctionTargets<T, Paths, B>[X] & string}`
  >
}

/** Every relation inferred for table B, before explicit `relations` are applied. */
export type InferredRelations<T, I, B extends string> = InferredFrom<T, Cols<T, B>, BackrefPaths<I, B>, B>

type InferredFrom<T, C extends Columns, Paths extends string, B extends string> = ByName<DirectRelations<T, C, Paths, B>> extends infer R
  ? R & ManyToManys<T, Paths, B, keyof C | keyof R>
  : never

/**
 * A table's relations: explicit ones (from `relations`) win by name, and replace the inferred
 * relation over the same foreign key (that is how a relation is renamed).
 * Relations<clinicTables, FkIndex<…>, {}, 'people'> == { appointments: Rel<'appointments', true, …>; attendances: … }
 */
export type TableRelations<T, I, X, B extends string> = B extends keyof X
  ? WithExplicit<T, Cols<T, B>, BackrefPaths<I, B>, B, ResolveExplicit<T, B, X[B]>>
  : InferredRelations<T, I, B>

// The inferred relations are filtered before they are keyed: a name shared by a many-to-one and a
// backref (a collision the explicit relations resolve) keeps the one not replaced. Many-to-many
// names count as taken by every inferred name, as at run time.
type WithExplicit<T, C extends Columns, Paths extends string, B extends string, E> = DirectRelations<T, C, Paths, B> extends infer D extends Rel
  ? ByName<Exclude<D, { name: keyof E } | { id: ExplicitIds<E> }>> & Keep<ManyToManys<T, Paths, B, keyof C | D['name']>, E> & E
  : never

/** The inferred relations an explicit one neither names nor replaces (same foreign key). */
type Keep<M, E> = { [N in keyof M as N extends keyof E ? never : M[N] extends { id: ExplicitIds<E> } ? never : N]: M[N] }
type ExplicitIds<E> = { [N in keyof E]: E[N] extends { id: infer Id } ? Id : never }[keyof E]

// ---- Collision check at schema(), per table, run only when CheckRelations' one pass over the
// foreign keys found a clash: a many-to-one and a backref, or a column and a backref, that land on
// the same name of one table; two many-to-ones of one table; two backrefs. It builds the sentences
// and reads the explicit relations, which resolve collisions.

type CollisionsOf<T, I, B extends string, X> = CollisionsWith<T, B, Cols<T, B>, BackrefPaths<I, B>, B extends keyof X ? ResolveExplicit<T, B, X[B]> : {}>

type CollisionsWith<T, B extends string, C extends Columns, Paths extends string, E> =
  | ([Extract<BackrefRelations<T, Paths, B>['name'], keyof C | ManyToOneRelations<C, FkEntries<C>>['name']>] extends [never]
      ? never
      : CollisionMessage<B, ManyToOneNames<C>, BackrefNames<T, Paths, B>, keyof C & string, E>)
  | (IsSingle<FkEntries<C>> extends true ? never : [FkEntries<C>] extends [never] ? never : ManyToOneTwice<B, C, E>)
  | (IsSingle<Paths> extends true ? never : [Paths] extends [never] ? never : BackrefTwice<T, B, Paths, E>)

type ManyToOneTwice<B extends string, C extends Columns, E> = {
  [F in FkEntries<C>]: EntryName<C, F> extends infer N extends string
    ? N extends keyof E
      ? never
      : `m2o:${EntryColumn<F>}` extends ExplicitIds<E>
        ? never
        : N extends { [F2 in Exclude<FkEntries<C>, F>]: `m2o:${EntryColumn<F2>}` extends ExplicitIds<E> ? never : EntryName<C, F2> }[Exclude<FkEntries<C>, F>]
          ? `relation name collision: ${B}.${N} is inferred from two many-to-ones (${B}.${EntryColumn<F>} and another column); name them in schema({...}, { relations })`
          : never
    : never
}[FkEntries<C>]

type BackrefTwice<T, B extends string, Paths extends string, E> = {
  [P in Paths]: BackrefName<T, P, B> extends infer N extends string
    ? N extends keyof E
      ? never
      : `back:${P}` extends ExplicitIds<E>
        ? never
        : N extends { [P2 in Exclude<Paths, P>]: `back:${P2}` extends ExplicitIds<E> ? never : BackrefName<T, P2, B> }[Exclude<Paths, P>]
          ? `relation name collision: ${B}.${N} is the backref of ${P} and of another foreign key; name them in schema({...}, { relations })`
          : never
    : never
}[Paths]

type ManyToOneNames<C extends Columns> = { [F in FkEntries<C>]: [EntryName<C, F>, EntryColumn<F>] }[FkEntries<C>]
type BackrefNames<T, Paths extends string, B extends string> = { [P in Paths]: [BackrefName<T, P, B>, P] }[Paths]

type CollisionMessage<B extends string, M, Back, Columns extends string, E> = Back extends [infer N extends string, infer P extends string]
  ? N extends keyof E
    ? never
    : `back:${P}` extends ExplicitIds<E>
      ? never
      : N extends Columns
        ? `relation name collision: ${B}.${N} is a column and the backref of ${P}; name the relation in schema({...}, { relations })`
        : M extends [N, infer K extends string]
          ? `m2o:${K}` extends ExplicitIds<E>
            ? never
            : `relation name collision: ${B}.${N} is inferred from many-to-one via ${B}.${K} and from the backref of ${P}; name one of them in schema({...}, { relations })`
          : never
  : never

/**
 * `unknown` when no two relations of a table can share a name; else, for each table, `unknown` or
 * its collision sentence. The first question is one pass over the schema's foreign keys (a few
 * instantiations each); the per-table check, which builds the sentences and reads the explicit
 * relations, runs only when it finds a clash. Explicit relations only ever resolve clashes.
 */
export type CheckRelations<T, X> = SchemaFks<T> extends infer Fks extends string
  ? [Clashes<T, Fks, { [E in Fks]: M2OPair<T, E> }, Extract<keyof T, `${string}By${string}`>>] extends [never]
    ? unknown
    : CheckTables<T, X>
  : never

type CheckTables<T, X> = FkIndex<T> extends infer I
  ? { [B in keyof T]: [CollisionsOf<T, I, B & string, X>] extends [never] ? unknown : CollisionsOf<T, I, B & string, X> }
  : never

// The names one foreign key 'A.K>B.col' gives, as 'table:name': its many-to-one on A, its backref
// on B. Everything is local to the FK's own table A (its other FKs to B decide `By`). BackrefPair
// restates BackrefName's rule on the FK already split: asking BackrefName (a second split and an
// alias per FK) measured +2.3k instantiations for schema() at 200 tables and +11k at 1000, paid
// by every checker, against 3k saved once by queries that touch every table.
type M2OPair<T, E> = E extends `${infer A}.${infer K}>${infer B}.${string}` ? `${A}:${ManyToOneName<Cols<T, A>, K, B>}` : never
type BackrefPair<T, E> = E extends `${infer A}.${infer K}>${infer B}.${string}`
  ? A extends B
    ? `${B}:${A}By${Capitalize<ManyToOneName<Cols<T, A>, K, B>>}`
    : [Exclude<FksTo<Cols<T, A>, B>, K>] extends [never]
      ? `${B}:${A}`
      : `${B}:${A}By${Capitalize<ManyToOneName<Cols<T, A>, K, B>>}`
  : never

/** Every column as 'table:column': one template per table. */
type ColumnPairs<T> = { [K in keyof T & string]: `${K}:${keyof Cols<T, K> & string}` }[keyof T & string]

/**
 * The clashing names: a backref on a column's key or on a many-to-one's name, a many-to-one name
 * two FKs of one table give, and (only when a table key contains 'By') a backref name given twice.
 * Backref names are `${A}` or `${A}By…`: two meet only through a key containing 'By', or when two
 * FKs of one table to one target give the same many-to-one name, which is a clash found here too.
 */
type Clashes<T, Fks extends string, M extends Record<string, string>, ByKeys> = { [E in Fks]: BackrefPair<T, E> } extends infer R extends Record<string, string>
  ? | Extract<R[Fks], ColumnPairs<T> | M[Fks]>
    | { [E in Fks]: M[E] extends M[Exclude<SiblingFks<T, E>, E>] ? E : never }[Fks]
    | ([ByKeys] extends [never] ? never : { [E in Fks]: R[E] extends R[Exclude<Fks, E>] ? E : never }[Fks])
  : never

/** The FKs of FK E's own table, E among them: SiblingFks<…, 'a.bId>b.id'> == 'a.bId>b.id' | 'a.cId>c.id' */
type SiblingFks<T, E> = E extends `${infer A}.${string}` ? `${A}.${FkEntries<Cols<T, A>>}` : never

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
