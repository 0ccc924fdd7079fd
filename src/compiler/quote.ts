/** The one quoting function: every identifier joinery writes goes through it. */
export function quoteIdentifier(name: string): string {
  return name.includes('"') ? `"${name.replace(/"/g, '""')}"` : `"${name}"`
}
