#pragma once

// Lists of records as files to download: CSV (RFC 4180, UTF-8 with a byte-order mark so that
// Excel in Chinese locales reads it as UTF-8), XLSX, and for contacts vCard. What
// GET /api/{entity}/export and `kam export` both write; the caller decides the query, its
// access scope and which fields a reader may not see. A reference to a record a person knows
// by name (account_id, reports_to_id, order_id, team_id, product_line_id, owner_id, ...) is
// written as that record's natural key, never as its id, so that the file imports into
// another database linking the same records (docs/import.md, "Files KAM exported").

#include <functional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/error.hpp"
#include "store/list_query.hpp"
#include "store/store.hpp"

namespace kam::io {

enum class ExportFormat { kCsv, kXlsx, kVcf };

// "csv", "xlsx" or "vcf"; anything else is an error naming `format`.
Result<ExportFormat> parse_export_format(std::string_view text);

// The table of an entity name as /api/{entity} takes it ("contact" → "contacts"), or the
// error naming `entity`.
Result<std::string> entity_table(std::string_view entity);

struct ExportRequest {
  std::string entity;
  ExportFormat format = ExportFormat::kCsv;
  // Filters, sort, access scope and deleted records as for a list; limit and after are the
  // exporter's own, since it reads every match page by page.
  store::ListQuery query;
  // Fields to leave out (financial ones for roles that may not see them); none when empty.
  std::function<bool(std::string_view table, std::string_view field)> hidden;
  // The records of a referenced table the reader may see (their natural keys are written in
  // the reference columns, those of others left empty); everything when unset.
  std::function<std::optional<store::TrustedCondition>(std::string_view table)> reference_scope;
  Day today;  // dates the file name
};

struct ExportFile {
  std::string content_type;
  std::string filename;  // "contacts-2024-06-01.csv"
  std::string bytes;
  size_t records = 0;
};

// Every record that matches, read through the keyset cursor a page at a time so that only
// the file being written grows, not a list of records. vCard is offered for contacts only.
Result<ExportFile> export_records(store::Store& store, const ExportRequest& request);

}  // namespace kam::io
