// RFC 9162 (Certificate Transparency v2) Merkle tree hashing and inclusion
// proof verification with WebCrypto SHA-256:
//   leaf hash = SHA-256(0x00 || entry), node hash = SHA-256(0x01 || left || right).

async function sha256(parts: Uint8Array[]): Promise<Uint8Array> {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const buf = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    buf.set(p, off);
    off += p.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', buf));
}

export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || /[^0-9a-fA-F]/.test(hex)) throw new Error(`not hex: ${hex}`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function leafHash(entry: Uint8Array): Promise<Uint8Array> {
  return sha256([Uint8Array.of(0), entry]);
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  return sha256([Uint8Array.of(1), left, right]);
}

// The root an inclusion proof leads to, by the algorithm of RFC 9162
// section 2.1.3.2; null if the proof has the wrong shape for the indices.
export async function rootFromInclusionProof(
  leafIndex: number,
  treeSize: number,
  leaf: Uint8Array,
  proof: Uint8Array[],
): Promise<Uint8Array | null> {
  if (leafIndex < 0 || leafIndex >= treeSize) return null;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

// True if `entry` is leaf `leafIndex` of the tree of `treeSize` leaves
// whose root is `rootHex`.
export async function verifyInclusion(
  entry: Uint8Array,
  leafIndex: number,
  treeSize: number,
  proofHex: string[],
  rootHex: string,
): Promise<boolean> {
  const root = await rootFromInclusionProof(
    leafIndex,
    treeSize,
    await leafHash(entry),
    proofHex.map(fromHex),
  );
  return root !== null && toHex(root) === rootHex.toLowerCase();
}
