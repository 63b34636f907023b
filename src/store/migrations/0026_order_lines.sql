-- Order lines (订单明细): what an order is made of, product by product. An order with lines has
-- the lines' sum as its amount, computed by the application (src/app/order_writes.hpp), which
-- also gives the order the product line the lines share (when they span several, the product
-- line of the largest line). The analysis keeps reading the order (amount, product line), so
-- no analysis_changes triggers (migration 0021) watch the lines; a change to them that changes
-- the order's amount is a change of the order, which is watched. Orders without lines (imports,
-- the demo, the CLI) stay as they were.
-- A line hangs from its order alone: access, merges and handovers follow the order's account.
CREATE TABLE order_lines (
  id {{ID}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  order_id BIGINT NOT NULL REFERENCES orders(id),
  line_no BIGINT NOT NULL,
  product_id BIGINT NOT NULL REFERENCES products(id),
  quantity BIGINT NOT NULL,
  unit_price BIGINT NOT NULL,
  discount BIGINT NOT NULL,
  amount BIGINT NOT NULL
);
-- An order's lines in their order.
CREATE INDEX order_lines_order ON order_lines(order_id, line_no);
-- Live totals count the deleted rows apart (migration 0013).
CREATE INDEX order_lines_deleted ON order_lines(id) WHERE deleted_at IS NOT NULL;
