#pragma once

#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/money.hpp"
#include "core/record.hpp"

namespace kam {

// A product line is the unit of breadth analysis: customers buying only one or two lines
// are cross-sell gaps.
struct ProductLine {
  RecordMeta meta;
  std::string code;
  std::string name;
  // The segment worksheet's next action for this line's customers (市场细分作业单).
  std::optional<std::string> segment_action;
};

struct Product {
  RecordMeta meta;
  int64_t product_line_id = 0;
  std::string sku;
  std::string name;
  std::optional<Money> list_price;
};

Status validate(ProductLine& line);
Status validate(Product& product);

}  // namespace kam
