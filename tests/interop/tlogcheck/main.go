// Command tlogcheck checks Verity's tiled log output with the Go team's
// independent implementation, golang.org/x/mod/sumdb/note and
// golang.org/x/mod/sumdb/tlog (Debian's golang-golang-x-mod-dev, built
// offline with GO111MODULE=off GOPATH=/usr/share/gocode).
//
//	tlogcheck DIR
//
// DIR holds a C2SP tiled log (checkpoint, tile/...), log.vkey, witness.vkey
// and proofs.txt with lines
//
//	inclusion <index> <base64 hash>...
//	consistency <old size> <base64 old root> <base64 hash>...
//
// It verifies the checkpoint's log signature (sumdb/note) and the witness's
// cosignature/v1 (crypto/ed25519: sumdb/note knows only type 0x01),
// recomputes the root from the tiles, checks that every entry hashes to its
// leaf, and checks each proof (sumdb/tlog CheckRecord, CheckTree) and that
// it equals the proof sumdb/tlog builds itself from the tiles.
//
// sumdb/tlog names tiles tile/<H>/<L>/<N> with a height segment (always 8
// here) and data for the entry level; C2SP tlog-tiles has no height segment
// and calls that level entries. The reader below maps one to the other.
package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

const height = 8

type dirReader struct{ dir string }

func (r dirReader) Height() int { return height }

// c2spPath maps a sumdb/tlog tile path to its C2SP tlog-tiles path.
func c2spPath(t tlog.Tile) string {
	p := strings.TrimPrefix(t.Path(), fmt.Sprintf("tile/%d/", height))
	if strings.HasPrefix(p, "data/") {
		p = "entries/" + strings.TrimPrefix(p, "data/")
	}
	return "tile/" + p
}

func (r dirReader) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		b, err := os.ReadFile(filepath.Join(r.dir, c2spPath(t)))
		if err != nil {
			return nil, err
		}
		out[i] = b
	}
	return out, nil
}

func (r dirReader) SaveTiles([]tlog.Tile, [][]byte) {}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "tlogcheck: "+format+"\n", args...)
	os.Exit(1)
}

func readLine(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		fail("%v", err)
	}
	return strings.TrimSpace(string(b))
}

func hash(s string) tlog.Hash {
	h, err := tlog.ParseHash(s)
	if err != nil {
		fail("bad hash %q: %v", s, err)
	}
	return h
}

// checkCosignature verifies the cosignature/v1 line of the witness vkey.
func checkCosignature(n *note.Note, vkey string) {
	parts := strings.SplitN(vkey, "+", 3)
	if len(parts) != 3 {
		fail("bad witness vkey")
	}
	key, err := base64.StdEncoding.DecodeString(parts[2])
	if err != nil || len(key) != 33 || key[0] != 0x04 {
		fail("witness vkey is not an Ed25519 cosignature/v1 key")
	}
	id := sha256.Sum256(append([]byte(parts[0]+"\n"), key...))
	if fmt.Sprintf("%x", id[:4]) != parts[1] {
		fail("witness vkey: key ID does not match")
	}
	for _, s := range n.UnverifiedSigs {
		if s.Name != parts[0] || fmt.Sprintf("%08x", s.Hash) != parts[1] {
			continue
		}
		sig, err := base64.StdEncoding.DecodeString(s.Base64)
		if err != nil || len(sig) != 4+8+64 {
			fail("malformed cosignature")
		}
		ts := binary.BigEndian.Uint64(sig[4:12])
		msg := fmt.Sprintf("cosignature/v1\ntime %d\n%s", ts, n.Text)
		if !ed25519.Verify(ed25519.PublicKey(key[1:]), []byte(msg), sig[12:]) {
			fail("the cosignature of %s does not verify", s.Name)
		}
		fmt.Printf("cosignature ok (%s, time %d)\n", s.Name, ts)
		return
	}
	fail("no cosignature by %s", parts[0])
}

// hashStorage holds sumdb/tlog's stored hashes of a tree, computed here.
type hashStorage []tlog.Hash

func (s hashStorage) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		if x < 0 || x >= int64(len(s)) {
			return nil, fmt.Errorf("stored hash %d not computed", x)
		}
		out[i] = s[x]
	}
	return out, nil
}

// readEntries reads every entry bundle and computes the tree's stored
// hashes from the entries alone.
func readEntries(r dirReader, size int64) hashStorage {
	var s hashStorage
	for n := int64(0); n*256 < size; n++ {
		w := size - n*256
		if w > 256 {
			w = 256
		}
		t := tlog.Tile{H: height, L: -1, N: n, W: int(w)}
		data, err := r.ReadTiles([]tlog.Tile{t})
		if err != nil {
			fail("%v", err)
		}
		b := data[0]
		for i := int64(0); i < w; i++ {
			if len(b) < 2 || len(b) < 2+int(binary.BigEndian.Uint16(b)) {
				fail("%s is cut short", c2spPath(t))
			}
			l := int(binary.BigEndian.Uint16(b))
			hs, err := tlog.StoredHashes(n*256+i, b[2:2+l], s)
			if err != nil {
				fail("%v", err)
			}
			s = append(s, hs...)
			b = b[2+l:]
		}
		if len(b) != 0 {
			fail("%s has bytes after its entries", c2spPath(t))
		}
	}
	fmt.Printf("entries read (%d)\n", size)
	return s
}

// checkTiles compares every tile of the tree with the one sumdb/tlog
// computes from the entries. (sumdb/tlog's NewTiles lists every width of a
// partial tile; C2SP serves the one of the checkpoint's size.)
func checkTiles(r dirReader, s hashStorage, size int64) {
	count := 0
	for _, t := range tlog.NewTiles(height, 0, size) {
		if t.W != 1<<height && int64(t.W) != (size>>(height*t.L))%(1<<height) {
			continue
		}
		want, err := tlog.ReadTileData(t, s)
		if err != nil {
			fail("%v", err)
		}
		got, err := r.ReadTiles([]tlog.Tile{t})
		if err != nil {
			fail("%v", err)
		}
		if !bytes.Equal(got[0], want) {
			fail("%s differs from the tile computed from the entries", c2spPath(t))
		}
		count++
	}
	fmt.Printf("tiles ok (%d)\n", count)
}

// checkProofs checks Verity's proofs and compares them with those
// sumdb/tlog builds from the tiles (hr) and from the entries (s).
func checkProofs(path string, hr tlog.HashReader, s hashStorage, size int64, root tlog.Hash) {
	text, err := os.ReadFile(path)
	if err != nil {
		fail("%v", err)
	}
	var incl, cons int
	for _, line := range strings.Split(strings.TrimSpace(string(text)), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			fail("bad proof line %q", line)
		}
		at, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			fail("bad proof line %q", line)
		}
		switch f[0] {
		case "inclusion":
			var p tlog.RecordProof
			for _, s := range f[2:] {
				p = append(p, hash(s))
			}
			leaf, err := s.ReadHashes([]int64{tlog.StoredHashIndex(0, at)})
			if err != nil {
				fail("leaf %d: %v", at, err)
			}
			if err := tlog.CheckRecord(p, size, root, at, leaf[0]); err != nil {
				fail("inclusion proof of %d: %v", at, err)
			}
			for _, src := range []tlog.HashReader{hr, s} {
				own, err := tlog.ProveRecord(size, at, src)
				if err != nil || fmt.Sprint(own) != fmt.Sprint(p) {
					fail("inclusion proof of %d differs from sumdb/tlog's", at)
				}
			}
			incl++
		case "consistency":
			oldRoot := hash(f[2])
			var p tlog.TreeProof
			for _, s := range f[3:] {
				p = append(p, hash(s))
			}
			if err := tlog.CheckTree(p, size, root, at, oldRoot); err != nil {
				fail("consistency proof from %d: %v", at, err)
			}
			for _, src := range []tlog.HashReader{hr, s} {
				own, err := tlog.ProveTree(size, at, src)
				if err != nil || fmt.Sprint(own) != fmt.Sprint(p) {
					fail("consistency proof from %d differs from sumdb/tlog's", at)
				}
				if h, err := tlog.TreeHash(at, src); err != nil || h != oldRoot {
					fail("the root of size %d differs", at)
				}
			}
			cons++
		default:
			fail("bad proof line %q", line)
		}
	}
	fmt.Printf("inclusion proofs ok (%d)\nconsistency proofs ok (%d)\n", incl, cons)
}

func main() {
	if len(os.Args) != 2 {
		fail("usage: tlogcheck DIR")
	}
	dir := os.Args[1]
	msg, err := os.ReadFile(filepath.Join(dir, "checkpoint"))
	if err != nil {
		fail("%v", err)
	}
	v, err := note.NewVerifier(readLine(filepath.Join(dir, "log.vkey")))
	if err != nil {
		fail("log vkey: %v", err)
	}
	n, err := note.Open(msg, note.VerifierList(v))
	if err != nil {
		fail("checkpoint note: %v", err)
	}
	lines := strings.Split(n.Text, "\n")
	if len(lines) < 4 || lines[0] != v.Name() {
		fail("checkpoint text is not origin, size, root")
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		fail("checkpoint size: %v", err)
	}
	root := hash(lines[2])
	fmt.Printf("note signature ok (%s, size %d)\n", lines[0], size)
	checkCosignature(n, readLine(filepath.Join(dir, "witness.vkey")))

	r := dirReader{dir}
	hr := tlog.TileHashReader(tlog.Tree{N: size, Hash: root}, r)
	th, err := tlog.TreeHash(size, hr)
	if err != nil {
		fail("tree hash from tiles: %v", err)
	}
	if !bytes.Equal(th[:], root[:]) {
		fail("the root from the tiles differs from the checkpoint's")
	}
	fmt.Println("root from tiles ok")
	s := readEntries(r, size)
	if th, err := tlog.TreeHash(size, s); err != nil || th != root {
		fail("the root computed from the entries differs from the checkpoint's")
	}
	fmt.Println("root from entries ok")
	checkTiles(r, s, size)
	checkProofs(filepath.Join(dir, "proofs.txt"), hr, s, size, root)
}
