import type { CompiledQuery } from './compiler/compile.js'
import type { DriverResult, RowMapper } from './driver/driver.js'
import type { SchemaMeta } from './schema/schema.js'

/** What a builder needs to run: the schema it was built for and a way to run SQL. */
export interface Executor {
  readonly schema: SchemaMeta
  run(query: CompiledQuery, mapRows?: RowMapper): Promise<DriverResult>
}
