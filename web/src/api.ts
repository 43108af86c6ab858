// A small client for the Verity API (/api/v1). Every error the server
// returns is a JSON body {code, message}; it surfaces here as ApiError.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let token = '';

export function setToken(value: string): void {
  token = value.trim();
}

export function hasToken(): boolean {
  return token.length > 0;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(res.status, 'malformed_response', `HTTP ${res.status}: not JSON`);
  }
  if (!res.ok) {
    const e = (json ?? {}) as { code?: string; message?: string };
    throw new ApiError(res.status, e.code ?? 'unknown', e.message ?? `HTTP ${res.status}`);
  }
  return json as T;
}

export const get = <T>(path: string): Promise<T> => call<T>('GET', path);
export const post = <T>(path: string, body: unknown): Promise<T> => call<T>('POST', path, body);

// Types of the API's answers (docs/api.md).
export interface Principal {
  role: 'anonymous' | 'observer' | 'party' | 'admin';
  name: string;
  party: string | null;
}

export interface Limit {
  id: string;
  name: string;
  max: number;
  source: string;
}

export interface Treaty {
  id: string;
  name: string;
  dates: { signed: string; entry_into_force: string; limits_binding: string; expiry: string };
  limits: Limit[];
  quotas: { id: string; name: string; per_year: number; designations: number; source: string }[];
}

export interface Aggregate {
  date: string;
  party: string;
  deployed: number | null;
  warheads: number | null;
  launchers: number | null;
  source: string;
}

export interface LimitStanding {
  id: string;
  name: string;
  max: number;
  count: number | null;
  headroom: number | null;
  status: string;
  date: string | null;
  source: string | null;
}

export interface PublicCompliance {
  treaty: string;
  today?: string;
  in_force?: boolean;
  parties: { party: string; limits: LimitStanding[] }[];
}
