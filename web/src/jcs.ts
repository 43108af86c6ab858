// Canonical JSON (RFC 8785, JCS) as the ledger signs and hashes it: object
// keys sorted by UTF-16 code units, no whitespace, primitives serialised as
// ECMAScript's JSON.stringify does. Verity's entries hold only integers, so
// the number rules of JCS reduce to JSON.stringify's.

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isSafeInteger(value)) {
      throw new Error(`canonical JSON allows only safe integers, got ${value}`);
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
