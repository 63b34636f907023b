#include "server/response_head.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace kam::server {
namespace {

// What Beast's own serializer sends for the response.
std::string beast_wire_form(const Response& response) {
  std::ostringstream out;
  out << response;
  return out.str();
}

Response json_ok() {
  Response res{http::status::ok, 11};
  res.set(http::field::content_type, "application/json");
  res.set(http::field::etag, "\"3\"");
  res.body() = R"({"name":"中国移动"})";
  res.prepare_payload();
  return res;
}

TEST(ResponseHead, WithTheBodyIsWhatBeastSends) {
  Response ok = json_ok();
  Response created{http::status::created, 11};
  created.set(http::field::location, "/api/accounts/7");
  created.insert(http::field::set_cookie, "a=1");
  created.insert(http::field::set_cookie, "b=2");  // a repeated field stays repeated
  created.keep_alive(false);
  created.prepare_payload();
  Response old_client{http::status::not_found, 10};
  old_client.keep_alive(true);
  old_client.body() = "none";
  old_client.prepare_payload();
  Response reasoned{http::status::precondition_failed, 11};
  reasoned.reason("Stale");
  reasoned.prepare_payload();
  Response no_content{http::status::no_content, 11};
  for (const Response* res : {&ok, &created, &old_client, &reasoned, &no_content}) {
    EXPECT_EQ(response_head(*res) + res->body(), beast_wire_form(*res));
  }
}

TEST(ResponseHead, MoreFieldsComeLastBeforeTheEmptyLine) {
  const Response ok = json_ok();
  const std::string head = response_head(ok, "Server: kam\r\nX-Frame-Options: DENY\r\n");
  Response with_fields = ok;
  with_fields.set(http::field::server, "kam");
  with_fields.set("X-Frame-Options", "DENY");
  EXPECT_EQ(head + ok.body(), beast_wire_form(with_fields));
  EXPECT_TRUE(head.ends_with("X-Frame-Options: DENY\r\n\r\n"));
}

}  // namespace
}  // namespace kam::server
