#pragma once

// Which column of an import file goes into which field: guessed from the header row, shown
// to the user to correct, saved as JSON to reuse for the next file of the same layout.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace kam::app {

// What a file can import into; the names are the tables'.
enum class ImportEntity {
  kAccounts,
  kContacts,
  kOrders,
  kInvoices,  // receivables
  kPayments,
  kActivities,
  kOpportunities,
};

std::string_view entity_name(ImportEntity entity);  // "accounts"
Result<ImportEntity> parse_entity(std::string_view name, std::string_view field = "entity");

// The fields a column can fill: the record's columns as the store names them (derived ones
// such as search_key left out). Reference fields (account_id, owner_id, ...) take what the
// file has, usually a name, number or credit code; resolving it is the importer's job.
std::span<const std::string_view> importable_fields(ImportEntity entity);

struct ColumnAssignment {
  size_t column = 0;                 // 0-based position in the file
  std::string header;                // as the file has it; ill-formed UTF-8 replaced by U+FFFD
  std::optional<std::string> field;  // nullopt: the column is not imported
};

struct ColumnMapping {
  ImportEntity entity = ImportEntity::kAccounts;
  std::vector<ColumnAssignment> columns;
};

// One assignment per header, matched on normalised headers against Chinese and English
// names in use ("客户名称", "Company Name", "统一社会信用代码", "手机", "下单日期" ...) and the
// field names themselves. A field goes to the first column that matches it only.
ColumnMapping guess_mapping(ImportEntity entity, std::span<const std::string> headers);
ColumnMapping guess_mapping(ImportEntity entity, std::span<const std::string_view> headers);

// Every problem at once: fields the entity does not have, a field two columns fill, a
// column listed twice.
Status validate_mapping(const ColumnMapping& mapping);

// {"entity":"orders","columns":[{"column":0,"header":"订单号","field":"order_no"},
//  {"column":1,"header":"数量","field":null}]}
std::string mapping_to_json(const ColumnMapping& mapping);
// Parses and validates; errors name the JSON member at fault.
Result<ColumnMapping> mapping_from_json(std::string_view json);

}  // namespace kam::app
