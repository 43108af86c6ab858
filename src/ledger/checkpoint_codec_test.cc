#include "ledger/checkpoint_codec.h"

#include <gtest/gtest.h>

#include "forces/declaration_io.h"

namespace verity::ledger {
namespace {

forces::Declaration Shipped(const std::string& name) {
  return forces::LoadShippedDeclaration(name).value();
}

TEST(CheckpointCodecTest, ShippedDeclarationsRoundTripExactly) {
  for (const std::string name : {"us-2020-09-01", "ru-2021-09-01"}) {
    forces::Declaration d = Shipped(name);
    d.items[3].eliminated = true;  // every field takes part
    d.items[4].conversion = forces::Conversion::kInProgress;
    const std::string bytes = EncodeCheckpoint(d);
    EXPECT_EQ(bytes.substr(0, 4), "VCK1");
    const auto back = DecodeCheckpoint(bytes, "checkpoint");
    ASSERT_TRUE(back.ok()) << back.status().message();
    EXPECT_EQ(forces::DeclarationToJson(*back), forces::DeclarationToJson(d)) << name;
    EXPECT_EQ(back->FindItem(d.items[7].uid), 7);
    // Far smaller than the declaration JSON an as-of query used to parse.
    EXPECT_LT(bytes.size() * 3, forces::DeclarationToJson(d).dump().size()) << name;
  }
}

TEST(CheckpointCodecTest, DeclarationJsonIsStillRead) {
  const forces::Declaration d = Shipped("us-2020-09-01");
  const auto back = DecodeCheckpoint(forces::DeclarationToJson(d).dump(), "checkpoint");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(forces::DeclarationToJson(*back), forces::DeclarationToJson(d));
}

TEST(CheckpointCodecTest, RangedDeclarationsAreStoredAsJson) {
  const auto d = forces::ParseDeclarationText(R"({
    "party": "US", "as_of": "2020-09-01",
    "facilities": [{"id": "b", "type": "icbm_base", "name": "B"}],
    "types": [{"id": "m", "class": "icbm", "kind": "missile", "name": "M", "max_warheads": 3},
              {"id": "s", "class": "icbm", "kind": "silo_launcher", "name": "S"}],
    "items": [{"uid": "S-1", "type": "s", "facility": "b", "role": "operational",
               "missile": {"type": "m", "warheads": {"value": 1, "low": 1, "high": 3, "source": "estimate"}}}]})",
                                              "ranged.json");
  ASSERT_TRUE(d.ok()) << d.status().message();
  ASSERT_FALSE(d->item_ranges.empty());
  const std::string bytes = EncodeCheckpoint(*d);
  EXPECT_EQ(bytes.front(), '{');
  const auto back = DecodeCheckpoint(bytes, "checkpoint");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(forces::DeclarationToJson(*back), forces::DeclarationToJson(*d));
}

TEST(CheckpointCodecTest, TruncatedExtendedOrDamagedBytesAreDataLoss) {
  const std::string bytes = EncodeCheckpoint(Shipped("us-2020-09-01"));
  const auto truncated = DecodeCheckpoint(bytes.substr(0, bytes.size() - 3), "checkpoint of US");
  EXPECT_EQ(truncated.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(truncated.status().message().find("checkpoint of US: item "), std::string::npos)
      << truncated.status().message();
  EXPECT_EQ(DecodeCheckpoint(bytes + "x", "c").status().message(), "c: trailing bytes");
  EXPECT_EQ(DecodeCheckpoint("VCK1", "c").status().message(), "c: truncated header");
  EXPECT_EQ(DecodeCheckpoint("not json", "c").status().code(), StatusCode::kDataLoss);
  // A changed byte may still decode (the checksum is the Merkle tree's job,
  // and checkpoints are outside it); if it does not, it is DataLoss.
  for (size_t i = 4; i < bytes.size(); i += 97) {
    std::string damaged = bytes;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x5a);
    const auto r = DecodeCheckpoint(damaged, "c");
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
    }
  }
}

}  // namespace
}  // namespace verity::ledger
