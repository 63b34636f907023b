#include <boost/json.hpp>
#include <utility>

#include "analytics/json_reader.hpp"
#include "analytics/pipeline.hpp"

namespace kam::analytics {
namespace json = boost::json;

namespace {

const char* kind_code(StageKind kind) {
  switch (kind) {
    case StageKind::kOpen:
      return "open";
    case StageKind::kWon:
      return "won";
    case StageKind::kLost:
      return "lost";
  }
  return "open";
}

}  // namespace

std::string to_json(const Pipeline& p) {
  json::array stages;
  for (const auto& s : p.stages) {
    stages.push_back({{"code", s.code},
                      {"name_zh", s.name_zh},
                      {"name_en", s.name_en},
                      {"probability", s.probability},
                      {"kind", kind_code(s.kind)},
                      {"status", s.status}});
  }
  json::array groups;
  for (const auto& g : p.status_groups)
    groups.push_back({{"code", g.code}, {"name_zh", g.name_zh}, {"name_en", g.name_en}});
  json::array funnel;
  for (const auto& l : p.funnel) {
    funnel.push_back({{"code", l.code},
                      {"name_zh", l.name_zh},
                      {"name_en", l.name_en},
                      {"stage", l.stage},
                      {"reference", l.reference}});
  }
  json::object o{{"name", p.name},
                 {"stages", stages},
                 {"commit_min_probability", p.commit_min_probability},
                 {"status_groups", groups},
                 {"funnel", funnel}};
  return json::serialize(o);
}

Result<Pipeline> pipeline_from_json(std::string_view text) {
  boost::system::error_code ec;
  const json::value root = json::parse(text, ec);
  if (ec) return Error::invalid("pipeline", "is not valid JSON: " + ec.message());
  Pipeline p = default_pipeline();
  std::vector<FieldError> problems;
  JsonReader read(problems, "pipeline", "is not a pipeline setting");
  read.object(root, "", [&](const std::string& k, const std::string& path, const json::value& v) {
    if (k == "name") return read.text(v, path, p.name), true;
    if (k == "commit_min_probability") return read.integer(v, path, p.commit_min_probability), true;
    if (k == "stages") {
      p.stages.clear();
      read.array(v, path, [&](const json::value& item, const std::string& item_path) {
        Stage s;
        read.object(item, item_path,
                    [&](const std::string& key, const std::string& at, const json::value& value) {
                      if (key == "code") return read.text(value, at, s.code), true;
                      if (key == "name_zh") return read.text(value, at, s.name_zh), true;
                      if (key == "name_en") return read.text(value, at, s.name_en), true;
                      if (key == "probability") return read.integer(value, at, s.probability), true;
                      if (key == "status") return read.text(value, at, s.status), true;
                      if (key == "kind") {
                        std::string kind;
                        read.text(value, at, kind);
                        if (kind == "open") {
                          s.kind = StageKind::kOpen;
                        } else if (kind == "won") {
                          s.kind = StageKind::kWon;
                        } else if (kind == "lost") {
                          s.kind = StageKind::kLost;
                        } else if (value.is_string()) {
                          read.fail(at, "must be open, won or lost");
                        }
                        return true;
                      }
                      return false;
                    });
        p.stages.push_back(std::move(s));
      });
      return true;
    }
    if (k == "status_groups") {
      p.status_groups.clear();
      read.array(v, path, [&](const json::value& item, const std::string& item_path) {
        StatusGroup g;
        read.object(item, item_path,
                    [&](const std::string& key, const std::string& at, const json::value& value) {
                      if (key == "code") return read.text(value, at, g.code), true;
                      if (key == "name_zh") return read.text(value, at, g.name_zh), true;
                      if (key == "name_en") return read.text(value, at, g.name_en), true;
                      return false;
                    });
        p.status_groups.push_back(std::move(g));
      });
      return true;
    }
    if (k == "funnel") {
      p.funnel.clear();
      read.array(v, path, [&](const json::value& item, const std::string& item_path) {
        FunnelLevel l;
        read.object(item, item_path,
                    [&](const std::string& key, const std::string& at, const json::value& value) {
                      if (key == "code") return read.text(value, at, l.code), true;
                      if (key == "name_zh") return read.text(value, at, l.name_zh), true;
                      if (key == "name_en") return read.text(value, at, l.name_en), true;
                      if (key == "stage") return read.text(value, at, l.stage), true;
                      if (key == "reference") return read.integer(value, at, l.reference), true;
                      return false;
                    });
        p.funnel.push_back(std::move(l));
      });
      return true;
    }
    return false;
  });
  if (!problems.empty()) return Error::invalid(std::move(problems));
  KAM_RETURN_IF_ERROR(validate(p));
  return p;
}

}  // namespace kam::analytics
