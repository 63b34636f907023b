#include "core/product.hpp"

#include "core/validator.hpp"

namespace kam {

Status validate(ProductLine& p) {
  Validator v;
  v.text("code", p.code, 32, true);
  v.text("name", p.name, 100, true);
  v.long_text("segment_action", p.segment_action, 2000);
  return v.status();
}

Status validate(Product& p) {
  Validator v;
  v.reference("product_line_id", p.product_line_id);
  v.text("sku", p.sku, 64, true);
  v.text("name", p.name, 200, true);
  if (p.list_price) v.non_negative("list_price", *p.list_price);
  return v.status();
}

}  // namespace kam
