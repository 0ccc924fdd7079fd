export { schema } from './schema/schema.js'
export type { Schema, SchemaOptions, SchemaMeta, TableInfo, ColumnInfo } from './schema/schema.js'
export { table } from './schema/table.js'
export type { Table, TableMeta } from './schema/table.js'
export { column, enumOf } from './schema/column.js'
export type { Column, ColumnMeta, ColumnState, ReferenceOptions, ReferentialAction } from './schema/column.js'
export type { Casing } from './schema/casing.js'
export { sql } from './builder/sql.js'
export type { Sql } from './builder/sql.js'
export type { Expression, AliasedExpression } from './builder/expression.js'
export type { ExpressionBuilder, FunctionModule, AggregateExpression, CaseBuilder, WindowBuilder, Arg } from './builder/eb.js'
export type { Filterable, WhereMethod } from './builder/where.js'
export type { OrderDirection } from './builder/select.js'
export type { JoinBuilder } from './builder/join.js'
export type { WithMethods, CteStarters } from './builder/cte.js'
export type { InsertStart, InsertQueryBuilder, UpdateQueryBuilder, DeleteQueryBuilder, OnConflictBuilder, OnConflictAction } from './builder/write.js'
export type { SelectQueryBuilder } from './builder/select.js'
export type { CompiledQuery } from './compiler/compile.js'
export { createDb } from './db.js'
export { createTablesSql, dropTablesSql } from './ddl/create.js'
export type { Database, DbOptions, QueryLogEvent, QueryMethods, Transaction, TransactionOptions, IsolationLevel } from './db.js'
export type { Driver, Connection, HeldConnection, DriverResult, DriverField, RowMapper } from './driver/driver.js'
export {
  JoineryError,
  NoResultError,
  DatabaseError,
  UniqueViolationError,
  ForeignKeyViolationError,
  NotNullViolationError,
  CheckViolationError,
  SerializationFailureError,
  DeadlockDetectedError,
} from './errors.js'
export type { Selectable, Insertable, Updateable } from '../types/row.js'
