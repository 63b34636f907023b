#include "io/text_encoding.hpp"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <string>

namespace kam::io {
namespace {

// What Chinese Excel writes for "Save as CSV": the text in GB18030 (GBK for these characters).
std::string to_gb18030(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 16, '\0');
  const int32_t n = ucnv_convert("GB18030", "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                                 utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  EXPECT_TRUE(U_SUCCESS(status));
  out.resize(static_cast<size_t>(n));
  return out;
}

const std::string kText = "客户名称,金额\r\n华为技术有限公司,1234.50\r\n";

TEST(TextEncoding, Utf8WithoutBomIsDetected) {
  EXPECT_EQ(detect_encoding(kText), Encoding::kUtf8);
  auto decoded = decode_to_utf8(kText);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->utf8, kText);
  EXPECT_EQ(decoded->encoding, Encoding::kUtf8);
}

TEST(TextEncoding, BomIsStripped) {
  auto decoded = decode_to_utf8("\xEF\xBB\xBF" + kText);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->utf8, kText);
  EXPECT_EQ(decoded->encoding, Encoding::kUtf8);
}

TEST(TextEncoding, Gb18030IsDetectedAndConverted) {
  const std::string gb = to_gb18030(kText);
  ASSERT_NE(gb, kText);
  EXPECT_EQ(detect_encoding(gb), Encoding::kGb18030);
  auto decoded = decode_to_utf8(gb);
  ASSERT_TRUE(decoded.ok()) << decoded.error().describe();
  EXPECT_EQ(decoded->utf8, kText);
  EXPECT_EQ(decoded->encoding, Encoding::kGb18030);
}

TEST(TextEncoding, FourByteGb18030Sequences) {
  const std::string text = "emoji 😀 and 𠀀";  // outside GBK: four-byte GB18030
  auto decoded = decode_to_utf8(to_gb18030(text), Encoding::kGb18030);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->utf8, text);
}

TEST(TextEncoding, LongTextCrossesConversionChunks) {
  // Surrogate pairs land on every chunk boundary position sooner or later.
  std::string text;
  for (int i = 0; i < 20000; ++i)
    text += i % 7 == 0 ? "名😀" : "a😀";
  text += "\n末尾";
  auto decoded = decode_to_utf8(to_gb18030(text));
  ASSERT_TRUE(decoded.ok()) << decoded.error().describe();
  EXPECT_EQ(decoded->encoding, Encoding::kGb18030);
  EXPECT_EQ(decoded->utf8, text);
  // An error far into the text still names its line and offset.
  std::string gb = to_gb18030(text);
  gb += "\n\xFF";
  auto bad = decode_to_utf8(gb, Encoding::kGb18030);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().describe().find("line 3"), std::string::npos) << bad.error().describe();
  EXPECT_NE(bad.error().describe().find("offset " + std::to_string(gb.size() - 1)),
            std::string::npos)
      << bad.error().describe();
}

TEST(TextEncoding, UserChoiceOverridesDetection) {
  const std::string gb = to_gb18030(kText);
  auto gbk = decode_to_utf8(gb, Encoding::kGbk);
  ASSERT_TRUE(gbk.ok());
  EXPECT_EQ(gbk->utf8, kText);
  // Claiming UTF-8 for GBK bytes names the first bad byte: line 1, offset 0.
  auto wrong = decode_to_utf8(gb, Encoding::kUtf8);
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.error().describe().find("line 1"), std::string::npos);
  EXPECT_NE(wrong.error().describe().find("offset 0"), std::string::npos);
}

TEST(TextEncoding, UndecodableByteNamesLineAndOffset) {
  // UTF-8 Chinese on line 1, then a lone continuation byte on line 3: neither UTF-8 nor
  // GB18030 (0x80 is not a GB18030 lead byte), and the UTF-8 error is the one reported.
  const std::string bytes = "名称\nabc\nx\x80y\n";
  auto decoded = decode_to_utf8(bytes);
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().code, ErrorCode::kInvalid);
  const std::string message = decoded.error().describe();
  EXPECT_NE(message.find("line 3"), std::string::npos) << message;
  EXPECT_NE(message.find("offset 12"), std::string::npos) << message;
  EXPECT_NE(message.find("0x80"), std::string::npos) << message;
}

TEST(TextEncoding, TruncatedGb18030SequenceIsAnError) {
  const std::string gb = to_gb18030("ab\n名");
  auto decoded = decode_to_utf8(gb.substr(0, gb.size() - 1), Encoding::kGb18030);
  ASSERT_FALSE(decoded.ok());
  EXPECT_NE(decoded.error().describe().find("line 2"), std::string::npos)
      << decoded.error().describe();
  EXPECT_NE(decoded.error().describe().find("offset 3"), std::string::npos)
      << decoded.error().describe();
}

TEST(TextEncoding, ParseEncodingNames) {
  EXPECT_EQ(parse_encoding("UTF-8").value(), Encoding::kUtf8);
  EXPECT_EQ(parse_encoding("gbk").value(), Encoding::kGbk);
  EXPECT_EQ(parse_encoding("GB18030").value(), Encoding::kGb18030);
  EXPECT_FALSE(parse_encoding("auto").value().has_value());
  EXPECT_FALSE(parse_encoding("").value().has_value());
  auto bad = parse_encoding("latin1");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.at(0).field, "encoding");
}

TEST(TextEncoding, FirstInvalidUtf8RejectsOverlongsAndSurrogates) {
  EXPECT_EQ(first_invalid_utf8("ok"), std::nullopt);
  EXPECT_EQ(first_invalid_utf8("a\xC0\xAF"), 1u);       // overlong '/'
  EXPECT_EQ(first_invalid_utf8("ab\xED\xA0\x80"), 2u);  // surrogate U+D800
  EXPECT_EQ(first_invalid_utf8("\xE4\xB8"), 0u);        // truncated
}

}  // namespace
}  // namespace kam::io
