// The body fields of the party's console, one per field of the notification
// type (console_forms.ts): inputs, long texts as textareas, choices and the
// other parties as selects, a JSON object pasted or opened from a file. A
// field asked for only on a condition (a settlement's joint statement) is
// shown only while it holds, and its value is sent only then.
import { el } from '../dom';
import { FORMS, applies, type FieldSpec } from '../console_forms';

const idOf = (f: string): string => `console-body-${f}`;

function options(values: readonly string[]): HTMLOptionElement[] {
  return values.map((v) => el('option', { value: v }, v));
}

function label(spec: FieldSpec): string {
  const form = { list: 'log indices, separated by commas', refs: 'entry:kind, separated by commas' } as Record<string, string>;
  const notes = [form[spec.kind] ?? '', spec.optional ? 'optional' : '']
    .filter((n) => n !== '');
  return notes.length > 0 ? `${spec.field} (${notes.join(', ')})` : spec.field;
}

// A JSON object's textarea and a file input that fills it.
function jsonInput(spec: FieldSpec): HTMLElement {
  const area = el('textarea', { id: idOf(spec.field), name: spec.field, rows: 6, cols: 70, spellcheck: false });
  const file = el('input', { id: `${idOf(spec.field)}-file`, type: 'file', accept: '.json,application/json' });
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    if (f) area.value = await f.text();
  });
  return el('span', {}, area, file);
}

function input(spec: FieldSpec, others: readonly string[]): HTMLElement {
  const attrs = { id: idOf(spec.field), name: spec.field };
  if (spec.kind === 'choice') return el('select', attrs, ...options(spec.options ?? []));
  if (spec.kind === 'party' && others.length > 0) return el('select', attrs, ...options(others));
  if (spec.kind === 'json') return jsonInput(spec);
  if (spec.long) return el('textarea', { ...attrs, rows: 4, cols: 70 });
  return el('input', { ...attrs, type: spec.kind === 'int' ? 'number' : 'text',
    placeholder: spec.kind === 'list' ? '3, 7, 12' : spec.kind === 'refs' ? '12:late_notification' : undefined });
}

// The values of the form's body fields by name; a field not asked for
// reads as empty.
export function bodyValues(form: HTMLElement, type: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const { field } of FORMS[type]) {
    values[field] = (form.querySelector(`#${idOf(field)}`) as HTMLInputElement | null)?.value ?? '';
  }
  for (const spec of FORMS[type]) if (!applies(spec, values)) values[spec.field] = '';
  return values;
}

// The fields of `type`; `others` are the parties a concern may be
// addressed to (a text field if none is known).
export function bodyFields(type: string, others: readonly string[]): HTMLElement {
  const rows = FORMS[type].map((spec) => ({
    spec, row: el('label', { for: idOf(spec.field), class: 'field' }, label(spec), input(spec, others)),
  }));
  const fields = el('div', { 'data-type': type }, ...rows.map((r) => r.row));
  const update = (): void => {
    const values = bodyValues(fields, type);
    for (const { spec, row } of rows) row.hidden = !applies(spec, values);
  };
  fields.addEventListener('change', update);
  update();
  return fields;
}
