import { ValidationError } from "../../core/errors";
import { isUnresolved } from "../../core/validate";

/**
 * PostgreSQL identifiers the pipeline accepts: lowercase letters, digits and `_`, 1–63 characters (PostgreSQL truncates
 * longer names to 63 bytes, NAMEDATALEN - 1). Unquoted identifiers fold to lowercase, so anything else would need
 * quoting in Debezium's include list, the publication and the SQL this library documents.
 */
const IDENTIFIER = /^[a-z0-9_]+$/;
const MAX_IDENTIFIER_LENGTH = 63;

/** Asserts a PostgreSQL identifier of `[a-z0-9_]`, 1–63 characters; `what` names it in the message. */
export function validateIdentifier(path: string, value: string, what: string): string {
  if (isUnresolved(value)) {
    throw new ValidationError(path, `must be known at synth time: it names ${what} in Debezium's configuration and the setup SQL`, "an unresolved token", "pass a literal string");
  }
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_IDENTIFIER_LENGTH) {
    throw new ValidationError(path, `is not a valid ${what}: PostgreSQL identifiers are 1-${MAX_IDENTIFIER_LENGTH} characters`, value, `use 1-${MAX_IDENTIFIER_LENGTH} lowercase letters, digits and "_"`);
  }
  if (!IDENTIFIER.test(value)) {
    throw new ValidationError(path, `is not a valid ${what}: only lowercase letters, digits and "_" are allowed`, value, `use 1-${MAX_IDENTIFIER_LENGTH} lowercase letters, digits and "_"`);
  }
  return value;
}

/** A table as `schema.table`, both parts PostgreSQL identifiers. */
export interface QualifiedTable {
  readonly schema: string;
  readonly table: string;
  /** `schema.table`. */
  readonly qualified: string;
}

/** Parses and checks `schema.table`. */
export function parseTable(path: string, value: string): QualifiedTable {
  if (isUnresolved(value)) {
    throw new ValidationError(path, "must be known at synth time: it names an event hub and Debezium's include list", "an unresolved token", 'pass a literal "schema.table"');
  }
  const parts = typeof value === "string" ? value.split(".") : [];
  if (parts.length !== 2) {
    throw new ValidationError(path, 'is not a table as "schema.table"', value, 'name the schema and the table, e.g. "public.orders"');
  }
  const schema = validateIdentifier(`${path}.schema`, parts[0], "schema name");
  const table = validateIdentifier(`${path}.table`, parts[1], "table name");
  return { schema, table, qualified: `${schema}.${table}` };
}

/** Turns free text into an identifier part: lowercase, runs of other characters as `_`, trimmed of `_`. */
export function toIdentifierPart(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
}
