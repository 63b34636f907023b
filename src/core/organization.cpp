#include "core/organization.hpp"

#include "core/contact_info.hpp"
#include "core/validator.hpp"

namespace kam {

Status validate(User& u) {
  Validator v;
  v.text("login", u.login, 64, true);
  for (char c : u.login) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')) {
      v.fail("login", "may contain only letters, digits, '.', '_' and '-'");
      break;
    }
  }
  v.text("display_name", u.display_name, 100, true);
  v.reference("team_id", u.team_id);
  v.check_optional("email", u.email, email_problem);
  v.check_optional("mobile", u.mobile, mobile_phone_problem);
  return v.status();
}

Status validate(Team& t) {
  Validator v;
  v.text("name", t.name, 100, true);
  v.reference("manager_id", t.manager_id);
  v.text("region", t.region, 40);
  return v.status();
}

}  // namespace kam
