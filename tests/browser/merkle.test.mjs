// The dashboard's RFC 9162 inclusion-proof check (web/src/merkle.ts, WebCrypto)
// against a reference written straight from the RFC's recursive definitions
// with node's own hash implementation.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { importWebModule } from './web_module.mjs';

const merkle = await importWebModule('merkle.ts');

const sha = (...parts) => createHash('sha256').update(Buffer.concat(parts)).digest();
const leaf = (e) => sha(Buffer.from([0]), e);
const node = (l, r) => sha(Buffer.from([1]), l, r);
// Largest power of two smaller than n (RFC 9162 section 2.1.1).
const split = (n) => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};
const mth = (d) => (d.length === 1 ? leaf(d[0]) : node(mth(d.slice(0, split(d.length))), mth(d.slice(split(d.length)))));
// PATH(m, D[n]) of RFC 9162 section 2.1.3.1.
function path(m, d) {
  if (d.length === 1) return [];
  const k = split(d.length);
  return m < k ? [...path(m, d.slice(0, k)), mth(d.slice(k))] : [...path(m - k, d.slice(k)), mth(d.slice(0, k))];
}

const entries = Array.from({ length: 33 }, (_, i) => Buffer.from(`{"serial":${i},"party":"US"}`));
let checked = 0;
for (let n = 1; n <= entries.length; n++) {
  const d = entries.slice(0, n);
  const root = mth(d).toString('hex');
  for (let m = 0; m < n; m++) {
    const proof = path(m, d).map((h) => h.toString('hex'));
    assert.equal(await merkle.verifyInclusion(d[m], m, n, proof, root), true, `leaf ${m} of ${n}`);
    const tampered = Buffer.from(d[m]);
    tampered[2] ^= 1;
    assert.equal(await merkle.verifyInclusion(tampered, m, n, proof, root), false, `tampered ${m}/${n}`);
    if (n > 1) {
      assert.equal(await merkle.verifyInclusion(d[m], (m + 1) % n, n, proof, root), false, `index ${m}/${n}`);
      assert.equal(await merkle.verifyInclusion(d[m], m, n, [...proof, proof[0]], root), false, `long ${m}/${n}`);
    }
    checked++;
  }
}
assert.equal(await merkle.verifyInclusion(entries[0], 0, 1, [], mth([entries[0]]).toString('hex').toUpperCase()), true);
assert.equal(await merkle.verifyInclusion(entries[0], 1, 1, [], mth([entries[0]]).toString('hex')), false);
console.log(`merkle.test: ${checked} inclusion proofs checked, tampering detected`);
