#include "tlog/tiles.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "core/file_io.h"
#include "tlog/merkle.h"
#include "tlog/test_util.h"
#include "tlog/tile_builder.h"
#include "tlog/tiled_tree.h"

namespace verity::tlog {
namespace {

using testing::MemoryTileReader;
using testing::TestEntry;

TEST(TilePathTest, SpecExamplesAndRoundTrips) {
  // tlog-tiles.md: index 1234067 is x001/x234/067.
  EXPECT_EQ(TilePath({0, 1234067, 256}), "tile/0/x001/x234/067");
  EXPECT_EQ(TilePath({3, 5, 17}), "tile/3/005.p/17");
  EXPECT_EQ(TilePath({kEntriesLevel, 1234067, 7}), "tile/entries/x001/x234/067.p/7");
  EXPECT_EQ(TilePath({63, 1000, 256}), "tile/63/x001/000");
  for (const TileId& id :
       {TileId{0, 0, 256}, TileId{1, 999, 1}, TileId{kEntriesLevel, 1000000, 255},
        TileId{5, 9223372036854775807u, 256}}) {
    const auto back = ParseTilePath(TilePath(id));
    ASSERT_TRUE(back.ok()) << TilePath(id) << " " << back.status().ToString();
    EXPECT_EQ(*back, id) << TilePath(id);
  }
}

TEST(TilePathTest, NonCanonicalPathsAreRefused) {
  for (const char* bad :
       {"tile/0/x000/001", "tile/64/000", "tile/0/000.p/256", "tile/0/000.p/0", "tile/0/1",
        "tile/0/0001", "tile/00/000", "tile/0/x001", "tile/data/000", "tile/8/0/000",
        "tile/0/001.p/07", "../etc/passwd", "tile/0/../000", "tile/0/000/", "tile/entries/000.p",
        "tile/0/x009/x223/x372/x036/x854/x775/808", "tile/-1/000"}) {
    const auto r = ParseTilePath(bad);
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_TRUE(r.status().message().starts_with("tile path '")) << r.status().message();
  }
}

std::vector<TileId> Sorted(std::vector<TileId> v) {
  std::sort(v.begin(), v.end(), [](const TileId& a, const TileId& b) {
    return std::tie(a.level, a.index, a.width) < std::tie(b.level, b.index, b.width);
  });
  return v;
}

TEST(NewTilesTest, SpecExampleOf70000Leaves) {
  // tlog-tiles.md: 273 full level 0 tiles, a partial level 0 tile of width
  // 112, one full level 1 tile, a partial level 1 tile of width 17 and a
  // partial level 2 tile of width 1 (and the entry bundles of level 0).
  std::vector<TileId> want;
  for (uint64_t n = 0; n < 273; ++n) want.push_back({0, n});
  want.push_back({0, 273, 112});
  want.push_back({1, 0});
  want.push_back({1, 1, 17});
  want.push_back({2, 0, 1});
  for (uint64_t n = 0; n < 273; ++n) want.push_back({kEntriesLevel, n});
  want.push_back({kEntriesLevel, 273, 112});
  EXPECT_EQ(Sorted(NewTiles(0, 70000)), Sorted(want));
  // "a tree of size 256 will be represented by a full level 0 tile and a
  // partial level 1 tile of width 1".
  EXPECT_EQ(Sorted(NewTiles(0, 256)),
            Sorted({TileId{0, 0}, TileId{1, 0, 1}, TileId{kEntriesLevel, 0}}));
  EXPECT_TRUE(NewTiles(0, 0).empty());
}

TEST(NewTilesTest, GrowingPublishesOnlyWhatChanged) {
  EXPECT_EQ(Sorted(NewTiles(70000, 70100)),
            Sorted({TileId{0, 273, 212}, TileId{kEntriesLevel, 273, 212}}));
  EXPECT_EQ(Sorted(NewTiles(70000, 70144)),
            Sorted({TileId{0, 273}, TileId{kEntriesLevel, 273}, TileId{1, 1, 18}}));
  EXPECT_TRUE(NewTiles(70000, 70000).empty());
}

TEST(EntryBundleTest, LengthPrefixedAndStrict) {
  const std::vector<std::string> entries = {"", "a", std::string(kMaxEntryBytes, 'z')};
  const auto bytes = EncodeEntryBundle(entries);
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(bytes->substr(0, 5), std::string("\0\0\0\x01"
                                             "a",
                                             5));
  EXPECT_EQ(*ParseEntryBundle(*bytes, 3), entries);
  EXPECT_EQ(ParseEntryBundle(*bytes, 4).status().message(),
            "entry bundle: ends after 3 of 4 entries");
  EXPECT_EQ(ParseEntryBundle(*bytes, 2).status().message(),
            "entry bundle: bytes after the last of 2 entries");
  EXPECT_EQ(ParseEntryBundle(bytes->substr(0, bytes->size() - 1), 3).status().message(),
            "entry bundle: entry 2 is cut short");
  EXPECT_EQ(EncodeEntryBundle({std::string(kMaxEntryBytes + 1, 'z')}).status().message(),
            "entry bundle: an entry of 65536 bytes is above the 65,535 a bundle can hold");
  EXPECT_EQ(ParseHashTile(std::string(33, 'x'), 1).status().message(),
            "hash tile: 33 bytes, expected 32");
}

// A log of 70,000 entries ("entry-0", ...) written as tiles once for the
// suite, with its leaf hashes.
class TiledLogTest : public ::testing::Test {
 protected:
  static constexpr uint64_t kSize = 70000;
  static void SetUpTestSuite() {
    leaves_ = new std::vector<Hash256>;
    store_ = new MemoryTileReader;
    TileBuilder b;
    for (uint64_t i = 0; i < kSize; ++i) {
      ASSERT_TRUE(b.Append(TestEntry(i)).ok());
      leaves_->push_back(LeafHash(TestEntry(i)));
      if (i % 1000 == 0) store_->Write(b.TakeFull());
    }
    store_->Write(b.TakeFull());
    store_->Write(b.Partial());
    root_ = b.Root();
  }
  static void TearDownTestSuite() {
    delete leaves_;
    delete store_;
  }
  void SetUp() override { reader_ = *store_; }

  static std::vector<Hash256>* leaves_;
  static MemoryTileReader* store_;
  static Hash256 root_;
  MemoryTileReader reader_;  // a copy each test may damage
};
std::vector<Hash256>* TiledLogTest::leaves_ = nullptr;
MemoryTileReader* TiledLogTest::store_ = nullptr;
Hash256 TiledLogTest::root_{};

TEST_F(TiledLogTest, TheBuilderWritesExactlyTheSpecTiles) {
  EXPECT_EQ(root_, RootOf(*leaves_));
  std::vector<TileId> written;
  for (const auto& [path, bytes] : reader_.files) written.push_back(*ParseTilePath(path));
  EXPECT_EQ(Sorted(written), Sorted(NewTiles(0, kSize)));
  EXPECT_EQ(reader_.files.at("tile/2/000.p/1").size(), 32u);
  EXPECT_EQ(reader_.files.at("tile/1/001.p/17").size(), 17u * 32);
}

TEST_F(TiledLogTest, RootFromTilesIsTheTreeRoot) {
  EXPECT_EQ(*RootFromTiles(reader_, kSize), RootOf(*leaves_));
  EXPECT_TRUE(TiledTree::Open(reader_, kSize, root_).ok());
  // Only the three partial tiles are needed for the root.
  EXPECT_EQ(reader_.reads, 6);
}

TEST_F(TiledLogTest, LeavesEntriesAndProofsMatchTheLeafList) {
  auto tree = TiledTree::Open(reader_, kSize, root_);
  ASSERT_TRUE(tree.ok()) << tree.status().ToString();
  for (uint64_t i : {0u, 1u, 255u, 256u, 65535u, 65536u, 69887u, 69888u, 69999u}) {
    EXPECT_EQ(*tree->LeafHash(i), (*leaves_)[i]) << i;
    EXPECT_EQ(*tree->Entry(i), TestEntry(i)) << i;
    const auto proof = tree->InclusionProof(i);
    ASSERT_TRUE(proof.ok()) << proof.status().ToString();
    EXPECT_EQ(*proof, InclusionProof(*leaves_, i)) << i;
    EXPECT_TRUE(VerifyInclusion(i, kSize, (*leaves_)[i], *proof, root_).ok());
  }
  for (uint64_t m : {1u, 255u, 256u, 257u, 65536u, 69999u}) {
    const auto proof = tree->ConsistencyProof(m);
    ASSERT_TRUE(proof.ok()) << proof.status().ToString();
    EXPECT_EQ(*proof, ConsistencyProof(*leaves_, m)) << m;
    const Hash256 old_root = RootOf(std::span<const Hash256>(*leaves_).subspan(0, m));
    EXPECT_TRUE(VerifyConsistency(m, kSize, old_root, root_, *proof).ok()) << m;
  }
  EXPECT_TRUE(tree->ConsistencyProof(kSize)->empty());
  EXPECT_EQ(tree->LeafHash(kSize).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(TiledLogTest, ASmallerTreeIsReadFromTheSameTiles) {
  // 65,536 = 256 full level-0 tiles, whose level-1 tile is full: the tree
  // of that size needs the partial tile tile/2/000.p/1 only.
  const uint64_t m = 65536;
  const Hash256 root = RootOf(std::span<const Hash256>(*leaves_).subspan(0, m));
  auto tree = TiledTree::Open(reader_, m, root);
  ASSERT_TRUE(tree.ok()) << tree.status().ToString();
  EXPECT_EQ(*tree->InclusionProof(4242),
            InclusionProof(std::span<const Hash256>(*leaves_).subspan(0, m), 4242));
}

TEST_F(TiledLogTest, WholeTreeVerifiesAndSeesEveryEntry) {
  uint64_t seen = 0;
  const Status s = VerifyTiledTree(reader_, kSize, root_, [&](uint64_t i, std::string_view e) {
    EXPECT_EQ(e, TestEntry(i));
    ++seen;
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(seen, kSize);
  const Status refused = VerifyTiledTree(reader_, kSize, root_, [](uint64_t i, std::string_view) {
    return i == 5 ? InvalidArgument("bad party signature") : Status::Ok();
  });
  EXPECT_EQ(refused.message(), "entry 5: bad party signature");
}

TEST_F(TiledLogTest, ADamagedFullTileIsCaught) {
  reader_.files["tile/0/100"][40] ^= 1;  // leaf 25,601
  auto tree = TiledTree::Open(reader_, kSize, root_);
  ASSERT_TRUE(tree.ok());
  const auto leaf = tree->LeafHash(25601);
  EXPECT_EQ(leaf.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(leaf.status().message(), "tile/0/100: does not match the tree of the checkpoint");
  EXPECT_EQ(tree->InclusionProof(25600).status().code(), StatusCode::kDataLoss);
  EXPECT_TRUE(tree->InclusionProof(3).ok());  // its proof reads the level-1 tile, not tile 100
  EXPECT_EQ(VerifyTiledTree(reader_, kSize, root_, nullptr).message(),
            "tile/0/100: differs from the tile recomputed from the entries");
}

TEST_F(TiledLogTest, ADamagedPartialTileOrEntryIsCaught) {
  MemoryTileReader partial = reader_;
  partial.files["tile/1/001.p/17"][0] ^= 1;
  EXPECT_EQ(TiledTree::Open(partial, kSize, root_).status().message(),
            "tiles: the partial tiles of the tree of 70000 leaves do not give the checkpoint's "
            "root");
  reader_.files["tile/entries/001"][5] ^= 1;
  auto tree = TiledTree::Open(reader_, kSize, root_);
  EXPECT_EQ(tree->Entry(256).status().message(), "tiles: entry 256 does not hash to its leaf");
  EXPECT_EQ(VerifyTiledTree(reader_, kSize, root_, nullptr).message(),
            "tile/0/001: differs from the tile recomputed from the entries");
}

TEST_F(TiledLogTest, MissingOrTruncatedTilesNameThePath) {
  reader_.files.erase("tile/0/005");
  reader_.files["tile/0/006"].pop_back();
  auto tree = TiledTree::Open(reader_, kSize, root_);
  const auto missing = tree->LeafHash(5 * 256);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), "tile/0/005: tile/0/005: no such tile");
  EXPECT_EQ(tree->LeafHash(6 * 256).status().message(),
            "tile/0/006: hash tile: 8191 bytes, expected 8192");
}

TEST_F(TiledLogTest, ResumingContinuesTheSameTree) {
  auto b = TileBuilder::Resume(reader_, kSize, root_);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  std::vector<Hash256> leaves = *leaves_;
  for (uint64_t i = kSize; i < kSize + 500; ++i) {
    ASSERT_TRUE(b->Append(TestEntry(i)).ok());
    leaves.push_back(LeafHash(TestEntry(i)));
  }
  std::vector<TileId> written;
  const std::vector<TileData> full = b->TakeFull();
  for (const auto& t : full) written.push_back(t.id);
  for (const auto& t : b->Partial()) {
    if (!reader_.files.contains(TilePath(t.id))) written.push_back(t.id);  // new ones only
  }
  EXPECT_EQ(Sorted(written), Sorted(NewTiles(kSize, kSize + 500)));
  EXPECT_EQ(b->Root(), RootOf(leaves));
  reader_.Write(full);
  reader_.Write(b->Partial());
  EXPECT_TRUE(VerifyTiledTree(reader_, kSize + 500, RootOf(leaves), nullptr).ok());
  EXPECT_EQ(TileBuilder::Resume(reader_, kSize, Sha256("wrong")).status().message(),
            "tiles: the partial tiles of the tree of 70000 leaves do not give its root");
}

TEST(TileBuilderTest, EveryProofOfSmallTreesMatchesTheLeafList) {
  for (uint64_t n : {1u, 2u, 3u, 255u, 256u, 257u, 511u, 512u, 513u}) {
    MemoryTileReader store;
    TileBuilder b;
    std::vector<Hash256> leaves;
    for (uint64_t i = 0; i < n; ++i) {
      ASSERT_TRUE(b.Append(TestEntry(i)).ok());
      leaves.push_back(LeafHash(TestEntry(i)));
    }
    store.Write(b.TakeFull());
    store.Write(b.Partial());
    auto tree = TiledTree::Open(store, n, RootOf(leaves));
    ASSERT_TRUE(tree.ok()) << n << ": " << tree.status().ToString();
    // Every index of the small trees; a spread of them (and the last) above.
    const uint64_t step = n < 300 ? 1 : 37;
    for (uint64_t i = 0; i < n; i = (i + step < n || i + 1 == n) ? i + step : n - 1) {
      EXPECT_EQ(*tree->InclusionProof(i), InclusionProof(leaves, i)) << n << " " << i;
      EXPECT_EQ(*tree->ConsistencyProof(i + 1),
                i + 1 == n ? std::vector<Hash256>{} : ConsistencyProof(leaves, i + 1))
          << n << " " << i;
    }
    EXPECT_TRUE(VerifyTiledTree(store, n, RootOf(leaves), nullptr).ok()) << n;
  }
}

TEST(TileBuilderTest, RefusesEntriesTooLargeForABundle) {
  TileBuilder b;
  EXPECT_EQ(b.Append(std::string(kMaxEntryBytes + 1, 'x')).message(),
            "tiles: an entry of 65536 bytes is above the 65,535 an entry bundle can hold");
  EXPECT_EQ(b.size(), 0u);
  EXPECT_EQ(b.Root(), EmptyTreeHash());
}

TEST(DirectoryTileReaderTest, ReadsTilesAndRefusesOtherPaths) {
  const std::string dir = std::string(VERITY_BINARY_DIR) + "/tlog-dir-reader-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir + "/tile/0/000.p");
  ASSERT_TRUE(WriteFileAtomic(dir + "/tile/0/000.p/1", std::string(32, 'h')).ok());
  ASSERT_TRUE(WriteFileAtomic(dir + "/checkpoint", "cp").ok());
  DirectoryTileReader r(dir);
  EXPECT_EQ(*r.Read("tile/0/000.p/1"), std::string(32, 'h'));
  EXPECT_EQ(*r.Read("checkpoint"), "cp");
  EXPECT_EQ(r.Read("tile/0/001").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(r.Read("../secret").status().code(), StatusCode::kInvalidArgument);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace verity::tlog
