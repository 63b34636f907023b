// The layout shows the architecture (src/README.md): each folder of src/ includes only the
// layers before it, core → analytics → store → app → server | cli | io, and SQL is written in
// store/ alone. Reads the sources in place.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace kam {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = fs::path(KAM_SOURCE_DIR) / "src";

// What each folder may include besides itself.
const std::map<std::string, std::set<std::string>> kMayInclude = {
    {"core", {}},
    {"analytics", {"core"}},
    {"store", {"core", "analytics"}},
    {"app", {"core", "analytics", "store"}},
    {"io", {"core", "analytics", "store"}},
    {"demo", {"core", "analytics", "store", "app"}},
    {"server", {"core", "analytics", "store", "app", "io"}},
    {"cli", {"core", "analytics", "store", "app", "io", "demo"}},
};

// `kam serve` is the one command that starts the server: its file, and main which dispatches
// to it, may include server/.
bool may_include_server(const fs::path& file) {
  const std::string name = file.filename().string();
  return file.parent_path().filename() == "cli" &&
         (name.starts_with("serve_command.") || name == "main.cpp");
}

std::vector<fs::path> sources() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::recursive_directory_iterator(kSource)) {
    const auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".cpp" || ext == ".hpp")) out.push_back(entry.path());
  }
  return out;
}

std::string folder_of(const fs::path& file) {
  return fs::relative(file, kSource).begin()->string();
}

TEST(Layers, EveryIncludeGoesToAnEarlierLayer) {
  const std::regex include(R"re(^\s*#\s*include\s*"([a-z_]+)/)re");
  std::vector<std::string> wrong;
  size_t checked = 0;
  for (const auto& file : sources()) {
    const std::string folder = folder_of(file);
    const auto rules = kMayInclude.find(folder);
    ASSERT_NE(rules, kMayInclude.end()) << "a folder with no place in the layers: " << folder;
    std::ifstream in(file);
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
      std::smatch m;
      if (!std::regex_search(line, m, include)) continue;
      ++checked;
      const std::string target = m[1];
      if (target == folder || rules->second.contains(target)) continue;
      if (target == "server" && may_include_server(file)) continue;
      wrong.push_back(fs::relative(file, kSource).string() + ":" + std::to_string(number) + " " +
                      line);
    }
  }
  EXPECT_GT(checked, 500u);  // the walk found the sources
  EXPECT_TRUE(wrong.empty()) << "includes against the layer order:\n"
                             << [&] {
                                  std::string all;
                                  for (const auto& w : wrong)
                                    all += "  " + w + "\n";
                                  return all;
                                }();
}

TEST(Layers, NoSqlOutsideTheStore) {
  // SQL statements begin a string literal, or follow a space or parenthesis within one.
  const std::regex sql(
      R"re("([^"]*[ (])?(SELECT |INSERT INTO |DELETE FROM |UPDATE [a-z_]+ SET |PRAGMA |ANALYZE|CREATE (TABLE|INDEX|TRIGGER) ))re");
  std::vector<std::string> found;
  size_t checked = 0;
  for (const auto& file : sources()) {
    if (folder_of(file) == "store") continue;
    ++checked;
    std::ifstream in(file);
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
      if (std::regex_search(line, sql))
        found.push_back(fs::relative(file, kSource).string() + ":" + std::to_string(number) + " " +
                        line);
    }
  }
  EXPECT_GT(checked, 100u);
  EXPECT_TRUE(found.empty()) << "SQL outside src/store/:\n"
                             << [&] {
                                  std::string all;
                                  for (const auto& f : found)
                                    all += "  " + f + "\n";
                                  return all;
                                }();
}

}  // namespace
}  // namespace kam
