#include "io/online_retail.hpp"

#include <charconv>
#include <cmath>
#include <map>
#include <unordered_map>

#include "core/typed_number.hpp"
#include "io/csv_reader.hpp"

namespace kam::io {
namespace {

struct Invoice {
  std::string customer;
  Day day;
  double amount = 0;  // pounds, summed over the lines
  bool cancellation = false;
};

Error bad(uint64_t line, std::string_view column, std::string_view text) {
  return Error::invalid(std::string(column), "line " + std::to_string(line) + ": '" +
                                                 std::string(text) + "' cannot be read");
}

// Quantities and unit prices, read as every import reads numbers (core/typed_number.hpp); a
// price may have more decimals than money (0.001 pounds), so it stays a double here.
Result<double> number(std::string_view text, uint64_t line, std::string_view column) {
  const auto decimal = parse_decimal_number(text, column);
  if (!decimal) return bad(line, column, text);
  const std::string plain = (decimal->negative ? "-" : "") +
                            (decimal->whole.empty() ? "0" : decimal->whole) + "." +
                            decimal->fraction + "0";
  double value = 0;
  const auto [end, ec] = std::from_chars(plain.data(), plain.data() + plain.size(), value);
  if (ec != std::errc() || end != plain.data() + plain.size()) return bad(line, column, text);
  return value;
}

}  // namespace

Result<OnlineRetailImport> import_online_retail(store::Store& store, std::string_view csv,
                                                const store::Actor& actor) {
  CsvReader reader(csv);
  CsvRecord record;
  auto header = reader.next(record);
  if (!header) return header.error();
  const std::vector<std::string_view> expected = {"InvoiceNo",  "StockCode",   "Description",
                                                  "Quantity",   "InvoiceDate", "UnitPrice",
                                                  "CustomerID", "Country"};
  if (!*header || record.fields != expected)
    return Error::invalid("file", "is not the Online Retail log: the header must be " +
                                      std::string("InvoiceNo,StockCode,Description,Quantity,"
                                                  "InvoiceDate,UnitPrice,CustomerID,Country"));
  OnlineRetailImport out;
  std::map<std::string, Invoice> invoices;        // by InvoiceNo, in number order
  std::map<std::string, std::string> country_of;  // by customer id
  for (;;) {
    auto more = reader.next(record);
    if (!more) return more.error();
    if (!*more) break;
    ++out.lines;
    const auto& f = record.fields;
    std::string_view customer = f[6];
    if (customer.empty()) {
      ++out.lines_without_customer;
      continue;
    }
    if (customer.ends_with(".0")) customer.remove_suffix(2);  // written as a float
    auto quantity = number(f[3], record.line, "Quantity");
    if (!quantity) return quantity.error();
    auto price = number(f[5], record.line, "UnitPrice");
    if (!price) return price.error();
    auto day = parse_date(f[4].substr(0, 10), "InvoiceDate");
    if (!day) return bad(record.line, "InvoiceDate", f[4]);
    Invoice& invoice = invoices[std::string(f[0])];
    invoice.customer = customer;
    invoice.day = *day;
    invoice.amount += *quantity * *price;
    invoice.cancellation = f[0].starts_with("C");
    country_of.emplace(customer, f[7]);
  }

  store::Transaction tx(store.connection());
  KAM_RETURN_IF_ERROR(tx.started());
  std::vector<Account> accounts;
  for (const auto& [customer, country] : country_of) {
    Account a;
    a.name = "Customer " + customer;
    a.address = country;
    a.source = AccountSource::kWebsite;
    a.status = AccountStatus::kActive;
    accounts.push_back(std::move(a));
  }
  KAM_RETURN_IF_ERROR(store.repository<Account>().create_many(std::span(accounts), actor));
  out.accounts = accounts.size();
  std::unordered_map<std::string, int64_t> account_of;
  size_t k = 0;
  for (const auto& [customer, country] : country_of)
    account_of[customer] = accounts[k++].meta.id;

  std::vector<Order> orders;
  std::vector<OrderReturn> returns;
  for (const auto& [number, invoice] : invoices) {
    const int64_t fen = std::llround(invoice.amount * 100);
    if (invoice.cancellation) {
      if (fen >= 0) {
        ++out.invoices_not_positive;
        continue;
      }
      OrderReturn r;
      r.account_id = account_of.at(invoice.customer);
      r.return_date = invoice.day;
      r.amount = Money{-fen};
      r.reason = "cancellation " + number;
      out.returned += r.amount;
      returns.push_back(std::move(r));
      continue;
    }
    if (fen <= 0) {
      ++out.invoices_not_positive;
      continue;
    }
    Order o;
    o.account_id = account_of.at(invoice.customer);
    o.order_no = number;
    o.order_date = invoice.day;
    o.amount = Money{fen};
    o.gross_margin = Money{0};
    o.channel = Channel::kOnline;
    out.revenue += o.amount;
    orders.push_back(std::move(o));
  }
  KAM_RETURN_IF_ERROR(store.repository<Order>().create_many(std::span(orders), actor));
  KAM_RETURN_IF_ERROR(store.repository<OrderReturn>().create_many(std::span(returns), actor));
  out.orders = orders.size();
  out.returns = returns.size();
  KAM_RETURN_IF_ERROR(tx.commit());
  return out;
}

}  // namespace kam::io
