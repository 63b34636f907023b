#include "app/order_writes.hpp"

#include <map>
#include <string>

#include "store/order_lines.hpp"

namespace kam::app {
namespace {

std::string line_field(size_t index, std::string_view field) {
  return "lines[" + std::to_string(index) + "]." + std::string(field);
}

// The fields a line takes from its writer; the rest (order_id, line_no) are the order's to give.
bool is_line_input(std::string_view field) {
  return field == "product_id" || field == "quantity" || field == "unit_price" ||
         field == "discount" || field == "amount";
}

// The lines `inputs` give, numbered 1, 2, ..., each priced (the product's list price when no
// unit price is given) and its amount computed; every problem of every line at once, each
// named lines[i].field.
Result<std::vector<OrderLine>> read_lines(store::Store& store,
                                          const std::vector<OrderLineInput>& inputs,
                                          std::map<int64_t, int64_t>& product_lines) {
  std::vector<OrderLine> lines;
  std::vector<FieldError> problems;
  auto products = store.repository<Product>();
  for (size_t i = 0; i < inputs.size(); ++i) {
    OrderLine line;
    line.line_no = static_cast<int64_t>(i) + 1;
    FieldAssignments settable;
    std::optional<std::string> stated_amount;
    bool priced = false;
    std::vector<FieldError> mine;
    for (const auto& [field, text] : inputs[i]) {
      if (!is_line_input(field)) {
        mine.push_back({line_field(i, field),
                        "is not a field of an order line; fields: product_id, quantity, "
                        "unit_price, discount"});
      } else if (field == "amount") {
        stated_amount = text;
      } else {
        if (field == "unit_price" && !text.empty()) priced = true;
        if (!(field == "unit_price" && text.empty())) settable.emplace_back(field, text);
      }
    }
    for (const auto& [field, text] : settable)
      if (auto s = store::set_field(line, field, text); !s)
        for (const auto& e : s.error().fields)
          mine.push_back({line_field(i, e.field), e.message});
    const auto named = [&](std::string_view field) {
      for (const auto& e : mine)
        if (e.field == line_field(i, field)) return true;
      return false;
    };
    if (line.product_id > 0 && !named("product_id")) {
      auto product = products.get(line.product_id);
      if (!product) {
        if (product.error().code != ErrorCode::kNotFound) return product.error();
        mine.push_back({line_field(i, "product_id"),
                        "does not exist in the product catalogue (or was deleted)"});
      } else {
        product_lines[line.product_id] = product->product_line_id;
        if (!priced && !named("unit_price")) {
          if (product->list_price) {
            line.unit_price = *product->list_price;
          } else {
            mine.push_back({line_field(i, "unit_price"),
                            "is required: the product has no list price to start from"});
          }
        }
      }
    }
    line.amount = line_amount(line.quantity, line.unit_price, line.discount);
    if (stated_amount && !stated_amount->empty() && !named("quantity") && !named("unit_price") &&
        !named("discount")) {
      auto stated = parse_money(*stated_amount, line_field(i, "amount"));
      if (!stated) {
        for (const auto& e : stated.error().fields)
          mine.push_back(e);
      } else if (*stated != line.amount) {
        mine.push_back(
            {line_field(i, "amount"), "is " + to_string(*stated) +
                                          " but quantity × unit price less discount is " +
                                          to_string(line.amount)});
      }
    }
    // The line's own rules, but for its order, which is not written yet.
    OrderLine checked = line;
    checked.order_id = 1;
    if (auto s = validate(checked); !s)
      for (const auto& e : s.error().fields)
        if (!named(e.field) && !(e.field == "amount" && !mine.empty()))
          mine.push_back({line_field(i, e.field), e.message});
    problems.insert(problems.end(), mine.begin(), mine.end());
    lines.push_back(std::move(line));
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return lines;
}

// The order's amount and product line from its lines (see the header); problems name the
// order's field the writer stated otherwise.
Status apply_lines(Order& order, const std::vector<OrderLine>& lines,
                   const std::map<int64_t, int64_t>& product_lines, const OrderLinesWrite& input) {
  if (lines.empty()) return Status::success();
  Money sum;
  const OrderLine* largest = &lines.front();
  for (const auto& line : lines) {
    sum += line.amount;
    if (line.amount > largest->amount) largest = &line;
  }
  const int64_t product_line = product_lines.at(largest->product_id);
  std::vector<FieldError> problems;
  if (input.amount_stated && order.amount != sum)
    problems.push_back(
        {"amount", "is " + to_string(order.amount) + " but its lines add up to " + to_string(sum)});
  if (input.product_line_stated && order.product_line_id != product_line)
    problems.push_back({"product_line_id", "is taken from the lines' products (product line " +
                                               std::to_string(product_line) + ")"});
  if (!problems.empty()) return Error::invalid(std::move(problems));
  order.amount = sum;
  order.product_line_id = product_line;
  return Status::success();
}

// Every problem of the order and its lines together, so that one attempt shows them all.
Status combined(Status order, Status lines) {
  if (order && lines) return Status::success();
  std::vector<FieldError> problems;
  for (const Status* s : {&order, &lines})
    if (!*s) problems.insert(problems.end(), s->error().fields.begin(), s->error().fields.end());
  if (problems.empty()) return !order ? order : lines;  // an error that names no field
  return Error::invalid(std::move(problems));
}

}  // namespace

Result<std::vector<OrderLine>> order_lines(store::Store& store, int64_t order_id) {
  store::ListQuery query;
  auto filter = store::parse_filter("order_id=" + std::to_string(order_id));
  if (!filter) return filter.error();
  query.filters.push_back(*filter);
  query.sort = "line_no";
  std::vector<OrderLine> out;
  KAM_RETURN_IF_ERROR(store.repository<OrderLine>().for_each(query, [&](const OrderLine& line) {
    out.push_back(line);
    return Status::success();
  }));
  return out;
}

Result<int64_t> create_order(store::Store& store, Order& order, const OrderLinesWrite& input,
                             const store::Actor& actor, std::vector<OrderLine>* written) {
  std::vector<OrderLine> lines;
  std::map<int64_t, int64_t> product_lines;
  Status read = Status::success();
  if (input.lines) {
    auto r = read_lines(store, *input.lines, product_lines);
    if (r) {
      lines = std::move(*r);
    } else {
      read = r.error();
    }
  }
  if (read) read = apply_lines(order, lines, product_lines, input);
  if (!read) {
    apply_new_record_defaults(order, store.clock().now(), actor);
    KAM_RETURN_IF_ERROR(combined(validate(order), read));
  }
  store::Transaction tx(store.connection());
  KAM_RETURN_IF_ERROR(tx.started());
  auto id = create_record(store, order, actor);
  if (!id) return id.error();
  auto repo = store.repository<OrderLine>();
  for (auto& line : lines) {
    line.order_id = *id;
    auto line_id = repo.create(line, actor);
    if (!line_id) return line_id.error();
  }
  KAM_RETURN_IF_ERROR(tx.commit());
  if (written) *written = std::move(lines);
  return id;
}

Status update_order(store::Store& store, Order& order, const OrderLinesWrite& input,
                    const store::Actor& actor, std::vector<OrderLine>* written) {
  store::Transaction tx(store.connection());
  KAM_RETURN_IF_ERROR(tx.started());
  auto stored = store.repository<Order>().get(order.meta.id, store::DeletedRecords::kInclude);
  if (!stored) return stored.error();
  const std::string what = "order " + std::to_string(order.meta.id);
  if (stored->meta.deleted_at)
    return Error::conflict(what + " is deleted; restore it before changing it");
  if (stored->meta.version != order.meta.version)
    return Error::conflict(what + " was changed by someone else (now version " +
                           std::to_string(stored->meta.version) + ", yours " +
                           std::to_string(order.meta.version) + "); reload and retry");
  auto existing = order_lines(store, order.meta.id);
  if (!existing) return existing.error();

  std::vector<OrderLine> lines;
  std::map<int64_t, int64_t> product_lines;
  Status read = Status::success();
  if (input.lines) {
    auto r = read_lines(store, *input.lines, product_lines);
    if (r) {
      lines = std::move(*r);
      read = apply_lines(order, lines, product_lines, input);
    } else {
      read = r.error();
    }
  } else if (!existing->empty()) {
    // The lines stay: the amount and product line are still theirs.
    std::vector<FieldError> problems;
    if (order.amount != stored->amount)
      problems.push_back({"amount", "is the sum of the order's lines; change the lines instead"});
    if (order.product_line_id != stored->product_line_id)
      problems.push_back(
          {"product_line_id", "is taken from the lines' products; change the lines instead"});
    if (!problems.empty()) read = Error::invalid(std::move(problems));
  }
  if (!read) {
    apply_kept_fields(order, store.clock().now());
    KAM_RETURN_IF_ERROR(combined(validate(order), read));
  }

  // Line i of the order takes the place of its line i; the rest are added or deleted.
  bool lines_changed = false;
  auto repo = store.repository<OrderLine>();
  if (input.lines) {
    for (size_t i = 0; i < lines.size(); ++i) {
      OrderLine& line = lines[i];
      line.order_id = order.meta.id;
      if (i < existing->size()) {
        const OrderLine& before = (*existing)[i];
        line.meta = before.meta;
        const int64_t version = line.meta.version;
        KAM_RETURN_IF_ERROR(repo.update(line, actor));
        lines_changed = lines_changed || line.meta.version != version;
      } else {
        auto id = repo.create(line, actor);
        if (!id) return id.error();
        lines_changed = true;
      }
    }
    for (size_t i = lines.size(); i < existing->size(); ++i) {
      KAM_RETURN_IF_ERROR(repo.remove((*existing)[i].meta.id, actor));
      lines_changed = true;
    }
  }
  const int64_t version = order.meta.version;
  KAM_RETURN_IF_ERROR(update_record(store, order, actor));
  if (lines_changed && order.meta.version == version) {
    const Timestamp now = store.clock().now();
    KAM_RETURN_IF_ERROR(store::touch_order(store.connection(), order.meta.id, version, now));
    order.meta.version = version + 1;
    order.meta.updated_at = now;
  }
  KAM_RETURN_IF_ERROR(tx.commit());
  if (written) {
    if (input.lines) {
      *written = std::move(lines);
    } else {
      *written = std::move(*existing);
    }
  }
  return Status::success();
}

Status delete_order(store::Store& store, int64_t id, const store::Actor& actor,
                    int64_t expected_version) {
  store::Transaction tx(store.connection());
  KAM_RETURN_IF_ERROR(tx.started());
  auto lines = order_lines(store, id);
  if (!lines) return lines.error();
  KAM_RETURN_IF_ERROR(store.repository<Order>().remove(id, actor, expected_version));
  auto repo = store.repository<OrderLine>();
  for (const auto& line : *lines)
    KAM_RETURN_IF_ERROR(repo.remove(line.meta.id, actor));
  return tx.commit();
}

Status restore_order(store::Store& store, int64_t id, const store::Actor& actor) {
  store::Transaction tx(store.connection());
  KAM_RETURN_IF_ERROR(tx.started());
  auto order = store.repository<Order>().get(id, store::DeletedRecords::kInclude);
  if (!order) return order.error();
  const auto deleted_at = order->meta.deleted_at;
  KAM_RETURN_IF_ERROR(store.repository<Order>().restore(id, actor));
  if (deleted_at) {
    store::ListQuery query;
    auto filter = store::parse_filter("order_id=" + std::to_string(id));
    if (!filter) return filter.error();
    query.filters.push_back(*filter);
    query.deleted = store::DeletedRecords::kOnly;
    std::vector<int64_t> with_it;
    auto repo = store.repository<OrderLine>();
    KAM_RETURN_IF_ERROR(repo.for_each(query, [&](const OrderLine& line) {
      // Deleted with it: after it, in the same transaction (an order's lines cannot change
      // while it is deleted); those deleted by an earlier change stay deleted.
      if (line.meta.deleted_at && *line.meta.deleted_at >= *deleted_at)
        with_it.push_back(line.meta.id);
      return Status::success();
    }));
    for (int64_t line_id : with_it)
      KAM_RETURN_IF_ERROR(repo.restore(line_id, actor));
  }
  return tx.commit();
}

}  // namespace kam::app
