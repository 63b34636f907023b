-- The customer database (METHODS.md §1). One schema for SQLite and PostgreSQL: {{ID}} is the
-- dialect's identity primary key; dates are ISO 'YYYY-MM-DD' text, instants ISO-8601 UTC
-- text, money BIGINT fen, flags INTEGER 0/1. Every table has version (the ETag), created_at,
-- updated_at and deleted_at (soft delete).

CREATE TABLE teams (
  id {{ID}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  name TEXT NOT NULL,
  manager_id BIGINT,
  region TEXT
);

CREATE TABLE users (
  id {{ID}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  login TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  team_id BIGINT REFERENCES teams(id),
  email TEXT,
  mobile TEXT,
  active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE product_lines (
  id {{ID}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);

CREATE TABLE products (
  id {{ID}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  product_line_id BIGINT NOT NULL REFERENCES product_lines(id),
  sku TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  list_price BIGINT
);

CREATE TABLE accounts (
  id {{ID}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  name TEXT NOT NULL,
  short_name TEXT,
  credit_code TEXT,
  industry_code TEXT,
  ownership TEXT,
  province TEXT,
  city TEXT,
  address TEXT,
  employees BIGINT,
  registered_capital BIGINT,
  annual_revenue BIGINT,
  listed INTEGER NOT NULL DEFAULT 0,
  source TEXT,
  owner_id BIGINT REFERENCES users(id),
  team_id BIGINT REFERENCES teams(id),
  status TEXT NOT NULL,
  importance TEXT NOT NULL DEFAULT 'none',
  parent_id BIGINT REFERENCES accounts(id),
  notes TEXT
);
CREATE UNIQUE INDEX accounts_credit_code ON accounts(credit_code) WHERE credit_code IS NOT NULL;
CREATE INDEX accounts_name ON accounts(name);
CREATE INDEX accounts_owner ON accounts(owner_id);
CREATE INDEX accounts_parent ON accounts(parent_id);

CREATE TABLE contacts (
  id {{ID}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  name TEXT NOT NULL,
  title TEXT,
  department TEXT,
  mobile TEXT,
  phone TEXT,
  email TEXT,
  wechat TEXT,
  birthday TEXT,
  hometown TEXT,
  preferences TEXT,
  form_family TEXT,
  form_occupation TEXT,
  form_recreation TEXT,
  form_message TEXT,
  reports_to_id BIGINT REFERENCES contacts(id)
);
CREATE INDEX contacts_account ON contacts(account_id);
CREATE INDEX contacts_name ON contacts(name);

CREATE TABLE orders (
  id {{ID}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  order_no TEXT NOT NULL UNIQUE,
  order_date TEXT NOT NULL,
  amount BIGINT NOT NULL,
  gross_margin BIGINT NOT NULL,
  product_line_id BIGINT REFERENCES product_lines(id),
  channel TEXT NOT NULL,
  owner_id BIGINT REFERENCES users(id)
);
CREATE INDEX orders_account_date ON orders(account_id, order_date);
CREATE INDEX orders_date ON orders(order_date);

CREATE TABLE order_returns (
  id {{ID}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  order_id BIGINT REFERENCES orders(id),
  return_date TEXT NOT NULL,
  amount BIGINT NOT NULL,
  reason TEXT
);
CREATE INDEX order_returns_account ON order_returns(account_id);

CREATE TABLE invoices (
  id {{ID}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  order_id BIGINT REFERENCES orders(id),
  invoice_no TEXT NOT NULL UNIQUE,
  invoice_date TEXT NOT NULL,
  due_date TEXT NOT NULL,
  amount BIGINT NOT NULL
);
CREATE INDEX invoices_account ON invoices(account_id);

CREATE TABLE payments (
  id {{ID}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  invoice_id BIGINT REFERENCES invoices(id),
  paid_date TEXT NOT NULL,
  amount BIGINT NOT NULL,
  method TEXT
);
CREATE INDEX payments_account ON payments(account_id);
CREATE INDEX payments_invoice ON payments(invoice_id);

CREATE TABLE activities (
  id {{ID}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  contact_id BIGINT REFERENCES contacts(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  channel TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  minutes BIGINT NOT NULL,
  subject TEXT,
  notes TEXT,
  outcome TEXT
);
CREATE INDEX activities_account ON activities(account_id, occurred_at);

-- Further people met in an activity, beyond its main contact.
CREATE TABLE activity_contacts (
  activity_id BIGINT NOT NULL REFERENCES activities(id),
  contact_id BIGINT NOT NULL REFERENCES contacts(id),
  PRIMARY KEY (activity_id, contact_id)
);

CREATE TABLE feedback (
  id {{ID}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  contact_id BIGINT REFERENCES contacts(id),
  kind TEXT NOT NULL,
  received_on TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT,
  status TEXT NOT NULL,
  handler_id BIGINT REFERENCES users(id),
  resolution TEXT,
  resolved_on TEXT
);
CREATE INDEX feedback_account ON feedback(account_id);

CREATE TABLE contracts (
  id {{ID}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  contract_no TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  value BIGINT NOT NULL,
  status TEXT NOT NULL,
  owner_id BIGINT REFERENCES users(id)
);
CREATE INDEX contracts_account ON contracts(account_id);
CREATE INDEX contracts_end ON contracts(end_date);

-- Who changed what, when: one row per changed field (old -> new). Creation records every
-- non-empty field; bulk loads record one row per batch. Never updated or deleted.
CREATE TABLE audit_log (
  id {{ID}},
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  user_id BIGINT,
  entity TEXT NOT NULL,
  entity_id BIGINT,
  action TEXT NOT NULL,
  field TEXT,
  old_value TEXT,
  new_value TEXT
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
