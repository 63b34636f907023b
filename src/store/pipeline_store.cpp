#include "store/pipeline_store.hpp"

#include "store/driver.hpp"
#include "store/rule_set_store.hpp"

namespace kam::store {
namespace {

std::string document_name(std::string_view name) {
  return "pipeline:" + std::string(name);
}

}  // namespace

Result<analytics::Pipeline> load_pipeline(Connection& c, std::string_view name) {
  auto doc = load_document(c, document_name(name));
  if (!doc) return doc.error();
  if (!*doc) {
    if (name != "default")
      return Error::invalid("pipeline", "'" + std::string(name) + "' is not a pipeline");
    return analytics::default_pipeline();
  }
  auto pipeline = analytics::pipeline_from_json((*doc)->body);
  if (!pipeline)
    return Error::io("stored pipeline '" + std::string(name) +
                     "' is unreadable: " + pipeline.error().message);
  pipeline->name = std::string(name);
  pipeline->version = (*doc)->version;
  return pipeline;
}

Status save_pipeline(Connection& c, analytics::Pipeline& pipeline, const Actor& actor,
                     Timestamp now) {
  KAM_RETURN_IF_ERROR(analytics::validate(pipeline));
  Transaction tx(c);
  KAM_RETURN_IF_ERROR(tx.started());
  const SqlValue params[] = {pipeline.name};
  std::vector<std::string> problems;
  KAM_RETURN_IF_ERROR(
      c.query("SELECT stage, COUNT(*) FROM opportunities WHERE pipeline = $1 AND deleted_at IS "
              "NULL GROUP BY stage ORDER BY stage",
              params, [&](const Row& row) {
                if (pipeline.stage_index(row.get_text(0)) < 0) {
                  problems.push_back("'" + std::string(row.get_text(0)) + "' (" +
                                     std::to_string(row.get_int(1)) + " opportunities)");
                }
                return true;
              }));
  if (!problems.empty()) {
    std::string list;
    for (const auto& p : problems)
      list += (list.empty() ? "" : ", ") + p;
    return Error::invalid("stages", "drops stages that opportunities are in: " + list +
                                        "; move them to another stage first");
  }
  auto version =
      save_document(c, document_name(pipeline.name), analytics::to_json(pipeline), actor, now);
  if (!version) return version.error();
  KAM_RETURN_IF_ERROR(tx.commit());
  pipeline.version = *version;
  return Status::success();
}

Status check_stage(Connection& c, std::string_view name, std::string_view stage) {
  auto pipeline = load_pipeline(c, name);
  if (!pipeline) return pipeline.error();
  if (pipeline->stage_index(stage) >= 0) return Status::success();
  std::string codes;
  for (const auto& s : pipeline->stages)
    codes += (codes.empty() ? "" : ", ") + s.code;
  return Error::invalid("stage", "'" + std::string(stage) + "' is not a stage of pipeline '" +
                                     std::string(name) + "': " + codes);
}

}  // namespace kam::store
