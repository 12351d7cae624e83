/**
 * Renders `application.properties` (java.util.Properties syntax, which Debezium Server's MicroProfile Config reads):
 * one `key=value` per line in the order given. Backslashes in values are doubled (the format treats `\` as an escape),
 * line breaks are refused by the callers' validation, and a leading space is escaped so it is kept.
 */
export function renderProperties(entries: readonly (readonly [string, string])[], header: readonly string[] = []): string {
  const lines = header.map((line) => `# ${line}`);
  for (const [key, value] of entries) {
    const escaped = value.replace(/\\/g, "\\\\").replace(/^ /, "\\ ");
    lines.push(`${key}=${escaped}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Escapes a literal for a Java regular expression (Debezium's include lists and topic routing are regexes). */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
