// The notification types a party's console composes, each body's fields,
// and the draft made from a form's values. The page checks what the ledger
// would refuse outright (a field's form, a concern id: ledger/body.h,
// ledger/concern_body.h) so that a refusal names the field before anything
// is signed; the ledger checks everything again.

// How a field's text becomes a body value: 'text' as it is (trimmed), 'int'
// a whole number, 'list' whole numbers separated by commas, 'refs' ambiguity
// references entry:kind separated by commas ([{entry, kind}]), 'choice' one of
// `options`, 'party' a party name other than the drafting party's, 'json' a
// JSON object. `long` texts are written in a textarea; `optional` fields
// left empty are omitted; a field with `when` is given exactly when the
// named field has that value. `id`: a concern id; `maxBytes`: its UTF-8
// length at most.
export interface FieldSpec {
  field: string;
  kind: 'text' | 'int' | 'list' | 'refs' | 'choice' | 'party' | 'json';
  optional?: true;
  long?: true;
  id?: true;
  maxBytes?: number;
  options?: readonly string[];
  when?: { field: string; is: string };
}

const CONCERN_TEXT_BYTES = 16 * 1024; // limits::kMaxConcernTextBytes
const concern: FieldSpec = { field: 'concern', kind: 'text', id: true };
const concernText = (field: string, more: Partial<FieldSpec> = {}): FieldSpec =>
  ({ field, kind: 'text', maxBytes: CONCERN_TEXT_BYTES, ...more });
export const OUTCOMES = ['withdrawn', 'unresolved', 'settled'] as const;

export const FORMS: Record<string, FieldSpec[]> = {
  movement: [{ field: 'uid', kind: 'text' }, { field: 'from', kind: 'text' }, { field: 'to', kind: 'text' }],
  warhead_change: [{ field: 'missile', kind: 'text' }, { field: 'warheads', kind: 'int' }],
  production: [{ field: 'uid', kind: 'text' }, { field: 'type', kind: 'text' }, { field: 'facility', kind: 'text' }],
  elimination: [{ field: 'uid', kind: 'text' }, { field: 'method', kind: 'text', optional: true }],
  conversion_started: [{ field: 'uid', kind: 'text' }, { field: 'procedure', kind: 'text', optional: true }],
  conversion_completed: [{ field: 'uid', kind: 'text' }, { field: 'procedure', kind: 'text', optional: true }],
  concern_raised: [concern, { field: 'addressed_to', kind: 'party' }, concernText('question', { long: true }),
    concernText('provision'), { field: 'entries', kind: 'list', optional: true },
    { field: 'ambiguities', kind: 'refs', optional: true }],
  concern_answered: [concern, concernText('answer', { long: true }), concernText('provision', { optional: true })],
  concern_closed: [concern, { field: 'outcome', kind: 'choice', options: OUTCOMES },
    concernText('note', { long: true, optional: true }),
    { field: 'joint_statement', kind: 'json', long: true, when: { field: 'outcome', is: 'settled' } }],
};

export type BodyValue = string | number | number[] | { entry: number; kind: string }[] | Record<string, unknown>;

export interface Draft {
  format: 1;
  party: string;
  serial: number;
  type: string;
  occurred: string;
  sent: string;
  body: Record<string, BodyValue>;
}

// Whether `spec` is asked for given the form's values (a field with `when`
// only when its condition holds).
export function applies(spec: FieldSpec, values: Record<string, string>): boolean {
  return !spec.when || (values[spec.when.field] ?? '').trim() === spec.when.is;
}

function jsonObject(v: string, where: string): Record<string, unknown> {
  let j: unknown;
  try {
    j = JSON.parse(v);
  } catch {
    throw new Error(`${where}: not JSON`);
  }
  if (j === null || typeof j !== 'object' || Array.isArray(j)) throw new Error(`${where}: a JSON object`);
  return j as Record<string, unknown>;
}

// One field's value; throws naming the field.
function bodyValue(spec: FieldSpec, v: string, party: string): BodyValue {
  const where = `body.${spec.field}`;
  if (spec.id && !/^[A-Za-z0-9._-]{1,64}$/.test(v)) throw new Error(`${where}: 1 to 64 of A-Z a-z 0-9 . _ - (e.g. RU-2022-01)`);
  const bytes = new TextEncoder().encode(v).length;
  if (spec.maxBytes !== undefined && bytes > spec.maxBytes) {
    throw new Error(`${where}: ${bytes} bytes, more than the limit of ${spec.maxBytes}`);
  }
  switch (spec.kind) {
    case 'int':
      if (!/^[0-9]{1,6}$/.test(v)) throw new Error(`${where}: a whole number`);
      return Number(v);
    case 'list': {
      const items = v.split(',').map((s) => s.trim());
      if (!items.every((s) => /^[0-9]{1,15}$/.test(s))) throw new Error(`${where}: whole numbers separated by commas`);
      return items.map(Number);
    }
    case 'refs':
      return v.split(',').map((s) => {
        const m = /^\s*([0-9]{1,15})\s*:\s*([a-z_]{1,64})\s*$/.exec(s);
        if (m === null) throw new Error(`${where}: entry:kind pairs separated by commas (e.g. 12:late_notification)`);
        return { entry: Number(m[1]), kind: m[2] };
      });
    case 'choice':
      if (!spec.options?.includes(v)) throw new Error(`${where}: one of ${spec.options?.join(', ')}`);
      return v;
    case 'party':
      if (!/^[A-Z]{2,8}$/.test(v)) throw new Error(`${where}: a party name (2 to 8 upper-case letters)`);
      if (v === party) throw new Error(`${where}: another party than ${party}`);
      return v;
    case 'json':
      return jsonObject(v, where);
    default:
      return v;
  }
}

// A draft from the form's values; throws naming the field that is wrong.
export function makeDraft(party: string, type: string, serial: string, occurred: string,
  values: Record<string, string>, now: Date): Draft {
  const form = FORMS[type];
  if (!form) throw new Error(`type: unknown notification type '${type}'`);
  if (!/^[1-9][0-9]{0,14}$/.test(serial)) throw new Error('serial: a whole number from 1');
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(occurred)) throw new Error('occurred: a date YYYY-MM-DD');
  const body: Record<string, BodyValue> = {};
  for (const spec of form) {
    const v = (values[spec.field] ?? '').trim();
    const asked = applies(spec, values);
    if (!asked && v !== '') throw new Error(`body.${spec.field}: only when ${spec.when?.field} is ${spec.when?.is}`);
    if (!asked || (v === '' && spec.optional)) continue;
    if (v === '') throw new Error(`body.${spec.field}: required${spec.when ? ` when ${spec.when.field} is ${spec.when.is}` : ''}`);
    body[spec.field] = bodyValue(spec, v, party);
  }
  const sent = now.toISOString().replace(/\.[0-9]{3}Z$/, 'Z');
  return { format: 1, party, serial: Number(serial), type, occurred, sent, body };
}
