#pragma once

#include <cstdint>
#include <string_view>

#include "core/money.hpp"
#include "store/audit_log.hpp"
#include "store/store.hpp"

namespace kam::io {

// The UCI Online Retail transaction log (shared/data/online_retail, one row per invoice
// line: InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID,
// Country) as KAM data: each customer becomes an account ("Customer 17850", the country as
// its address), each invoice an order (the sum of its lines' quantity × unit price, online
// channel), each cancellation ("C" invoice) a return. Lines without a customer cannot be
// given to an account and are counted, not imported; so are invoices whose lines add up to
// nothing or less. Amounts are the file's pounds, stored as money units; the log has no cost
// of goods, so gross margins are 0.
struct OnlineRetailImport {
  uint64_t lines = 0;
  uint64_t lines_without_customer = 0;
  uint64_t accounts = 0;
  uint64_t orders = 0;
  uint64_t returns = 0;
  uint64_t invoices_not_positive = 0;
  Money revenue;
  Money returned;
};

// `csv` is the UTF-8 text of the file. A row that cannot be read (a bad number or date) is an
// error naming its line, and nothing is written.
Result<OnlineRetailImport> import_online_retail(store::Store& store, std::string_view csv,
                                                const store::Actor& actor);

}  // namespace kam::io
