// The dashboard's checkpoint check (web/src/cosigned.ts, WebCrypto Ed25519)
// against notes, vkeys and cosignatures made here with node's own crypto
// from the C2SP texts (signed-note, tlog-checkpoint, tlog-cosignature):
// a checkpoint cosigned by both witnesses passes, and a missing, forged or
// misplaced signature is refused with its reason.
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { importWebModule } from './web_module.mjs';

const cosigned = await importWebModule('cosigned.ts');

function keyPair(name, type) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const pub = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const id = createHash('sha256').update(Buffer.concat([Buffer.from(name), Buffer.from([0x0a, type]), pub])).digest().subarray(0, 4);
  const vkey = `${name}+${id.toString('hex')}+${Buffer.concat([Buffer.from([type]), pub]).toString('base64')}`;
  return { name, id, vkey, privateKey };
}
const line = (k, sig) => `\u2014 ${k.name} ${Buffer.concat([k.id, sig]).toString('base64')}\n`;
const logSig = (k, text) => line(k, sign(null, Buffer.from(text), k.privateKey));
function cosig(k, text, t) {
  const ts = Buffer.alloc(8);
  ts.writeBigUInt64BE(BigInt(t));
  const msg = Buffer.from(`cosignature/v1\ntime ${t}\n${text}`);
  return line(k, Buffer.concat([ts, sign(null, msg, k.privateKey)]));
}

const origin = 'verity.example/test';
const log = keyPair(origin, 0x01);
const us = keyPair('witness.example/us', 0x04);
const ru = keyPair('witness.example/ru', 0x04);
const policyText = `log ${log.vkey}\nwitness us ${us.vkey} http://127.0.0.1:1\nwitness ru ${ru.vkey}\ngroup both all us ru\nquorum both\n`;
const policy = await cosigned.parsePolicy(policyText);
const text = `${origin}\n12\n${createHash('sha256').update('root').digest('base64')}\n`;

// Cosigned by both: the quorum is met, with each witness's time.
let v = await cosigned.checkCheckpoint(policy, `${text}\n${logSig(log, text)}${cosig(us, text, 1700000000)}${cosig(ru, text, 1700000005)}`);
assert.equal(v.quorumMet, true, v.missing);
assert.equal(v.size, 12);
assert.deepEqual(v.cosigned, [{ witness: 'us', timestamp: 1700000000 }, { witness: 'ru', timestamp: 1700000005 }]);

// Only US: the quorum is not met and the message names RU.
v = await cosigned.checkCheckpoint(policy, `${text}\n${logSig(log, text)}${cosig(us, text, 1700000000)}`);
assert.equal(v.quorumMet, false);
assert.equal(v.missing, 'group both needs 2 of its 2 members, has 1: witness ru did not cosign');

// RU's cosignature of another checkpoint (a split view): refused as not verifying.
const other = `${origin}\n12\n${createHash('sha256').update('other').digest('base64')}\n`;
v = await cosigned.checkCheckpoint(policy, `${text}\n${logSig(log, text)}${cosig(us, text, 1)}${cosig(ru, other, 1)}`);
assert.equal(v.quorumMet, false);
assert.equal(v.missing, 'the cosignature of witness ru does not verify');

// No log signature: not accepted, whoever cosigned.
const stranger = keyPair(origin, 0x01);
v = await cosigned.checkCheckpoint(policy, `${text}\n${logSig(stranger, text)}${cosig(us, text, 1)}${cosig(ru, text, 1)}`);
assert.equal(v.quorumMet, false);
assert.equal(v.missing, 'no valid signature by a log of the policy');

// Hostile inputs are refused with a reason, never accepted.
await assert.rejects(cosigned.checkCheckpoint(policy, 'no signatures'), /note: no signature block/);
await assert.rejects(cosigned.checkCheckpoint(policy, `${origin}\n012\nAAAA\n\n${logSig(log, text)}`), /checkpoint: bad size/);
await assert.rejects(cosigned.parsePolicy(`log ${log.vkey}\nquorum nobody\n`), /policy line 2: unknown quorum nobody/);
await assert.rejects(cosigned.parsePolicy(`log ${log.vkey.replace(/\+[0-9a-f]{8}\+/, '+00000000+')}\nquorum none\n`), /policy line 1: vkey: wrong key ID/);
console.log('cosigned.test: ok');
