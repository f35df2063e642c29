// The UI chrome tables: the zh-CN table is Simplified Chinese (no Traditional-only forms, no
// pinyin annotations left behind by a conversion) and every key has text in both languages.
#include <gtest/gtest.h>

#include <cctype>
#include <string>

#include "redgrid/kiosk/ui/strings.h"

namespace redgrid::kiosk {
namespace {

// Characters that only exist in Traditional script; a zh-CN screen must never show them.
// Written as escapes so that no script conversion of this file can turn them Simplified.
constexpr std::string_view kTraditionalOnly[] = {
    "\u5011", "\u500b", "\u5340", "\u7db2", "\u52d9", "\u9ee8", "\u54e1", "\u7d05", "\u5716", "\u52d5", "\u6642", "\u70ba",
    "\u4f86", "\u9019", "\u5c07", "\u8acb", "\u96fb", "\u8a71", "\u7d1a", "\u8a9e", "\u6578", "\u64da", "\u958b", "\u95dc",
    "\u9593", "\u9ede", "\u89bd", "\u8a73", "\u865f", "\u78bc", "\u806f", "\u7d61", "\u611b", "\u52de", "\u98ef", "\u9ad4",
    "\u6aa2", "\u885b", "\u91ab", "\u7642", "\u7bc0", "\u9a57", "\u8b49", "\u55ae", "\u986f", "\u7e3d", "\u985e", "\u9078",
    "\u64c7", "\u69ae", "\u8b7d", "\u968a", "\u8077", "\u9858", "\u5d17", "\u8b77", "\u71b1", "\u6236", "\u8a0a", "\u7dda",
    "\u8a8d", "\u9084", "\u6c92", "\u5c0e", "\u969b", "\u9810", "\u7d04", "\u8a2d", "\u9418", "\u8cea", "\u9130", "\u9577",
    "\u61c9",
};

TEST(Strings, ZhTableIsSimplifiedChineseWithoutPinyin) {
    for (int i = 0; i < static_cast<int>(Str::count_); ++i) {
        const std::string zh(tr(static_cast<Str>(i), Lang::zh));
        for (std::string_view t : kTraditionalOnly) {
            EXPECT_EQ(zh.find(t), std::string::npos) << "row " << i << " \"" << zh << "\" has Traditional " << t;
        }
        for (std::size_t p = zh.find('('); p != std::string::npos; p = zh.find('(', p + 1)) {
            const bool latin = p + 1 < zh.size() && std::isalpha(static_cast<unsigned char>(zh[p + 1]));
            EXPECT_FALSE(latin) << "row " << i << " \"" << zh << "\" carries a pinyin annotation";
        }
    }
}

TEST(Strings, EveryKeyHasTextInBothLanguages) {
    for (int i = 0; i < static_cast<int>(Str::count_); ++i) {
        EXPECT_FALSE(tr(static_cast<Str>(i), Lang::zh).empty()) << "zh row " << i;
        EXPECT_FALSE(tr(static_cast<Str>(i), Lang::en).empty()) << "en row " << i;
    }
}

}  // namespace
}  // namespace redgrid::kiosk
