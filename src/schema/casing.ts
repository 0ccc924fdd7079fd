export type Casing = 'snake_case' | 'preserve'

/** `createdAt` → `created_at`, `playlistTrack` → `playlist_track`, `userID` → `user_id`. */
export function toSnakeCase(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
}

export function databaseName(key: string, casing: Casing): string {
  return casing === 'snake_case' ? toSnakeCase(key) : key
}
