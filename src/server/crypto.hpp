#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace kam::server {

// Password hashing and tokens, on libsodium. Call sodium_ready() once before use.
Status sodium_ready();

// argon2id with libsodium's interactive limits, in its self-describing encoded form.
Result<std::string> hash_password(std::string_view password);
bool verify_password(std::string_view encoded_hash, std::string_view password);

// `bytes` random bytes as lowercase hex (a session or API token, a CSRF token).
std::string random_token(size_t bytes = 32);

// BLAKE2b of a token, hex: what the database keeps instead of the token itself.
std::string token_digest(std::string_view token);

// HMAC-SHA256 of `message` under `key`, hex: the signature on webhook deliveries, which
// receivers check with any standard HMAC library.
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

// Constant-time comparison, for secrets sent back by clients.
bool equal_secrets(std::string_view a, std::string_view b);

}  // namespace kam::server
