#include <boost/json.hpp>
#include <utility>

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

// Reads typed values out of JSON, collecting every problem with its path. The same shape as
// the rule set's reader (rules_json.cpp), with this document's wording.
class Reader {
 public:
  explicit Reader(std::vector<FieldError>& problems) : problems_(problems) {}

  template <class Int>
  void integer(const json::value& v, const std::string& path, Int& out) {
    if (!v.is_int64()) {
      problems_.push_back({path, "must be a whole number"});
    } else if (!std::in_range<Int>(v.as_int64())) {
      problems_.push_back({path, "is out of range"});
    } else {
      out = static_cast<Int>(v.as_int64());
    }
  }
  void text(const json::value& v, const std::string& path, std::string& out) {
    if (v.is_string()) {
      out = std::string(v.as_string());
    } else {
      problems_.push_back({path, "must be a string"});
    }
  }
  template <class F>
  void object(const json::value& v, const std::string& path, F&& on_key) {
    if (!v.is_object()) {
      problems_.push_back({path.empty() ? "pipeline" : path, "must be an object"});
      return;
    }
    for (const auto& [key, value] : v.as_object()) {
      const std::string k(key);
      std::string key_path = path;
      if (!key_path.empty()) key_path += '.';
      key_path += k;
      if (!on_key(k, key_path, value)) problems_.push_back({key_path, "is not a pipeline setting"});
    }
  }
  template <class F>
  void array(const json::value& v, const std::string& path, F&& on_item) {
    if (!v.is_array()) {
      problems_.push_back({path, "must be an array"});
      return;
    }
    size_t i = 0;
    for (const auto& item : v.as_array())
      on_item(item, path + "[" + std::to_string(i++) + "]");
  }
  void fail(const std::string& path, std::string message) {
    problems_.push_back({path, std::move(message)});
  }

 private:
  std::vector<FieldError>& problems_;
};

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
  Reader read(problems);
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
