// The hash that ties schemaValidator.generated.ts to the schema.json it was compiled from:
// FNV-1a (32 bit) over JSON.stringify(schema) — scripts/schema-validator.mjs computes the same.

/** FNV-1a, 32 bit (Fowler, Noll & Vo), of the schema's JSON text, as 8 hex digits. */
export function schemaHash(schema: unknown): string {
  const text = JSON.stringify(schema);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
