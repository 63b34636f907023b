#pragma once

// vCard 4.0 (RFC 6350) for exporting contacts to phones and mail clients.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/account.hpp"
#include "core/date.hpp"

namespace kam::io {

struct VCardPhone {
  std::string number;
  std::string type;  // "cell", "work", "voice", "fax"...; empty for none
};

struct VCard {
  std::string uid;             // stable across exports, so re-importing updates: "urn:uuid:..."
  std::string formatted_name;  // FN, required
  std::string family_name;     // N; N is written when either part is set
  std::string given_name;
  std::string organization;  // ORG: the account
  std::string department;    // ORG's second component
  std::string title;
  std::vector<VCardPhone> phones;
  std::vector<std::string> emails;
  std::optional<Day> birthday;
  std::string note;
  std::optional<Timestamp> revision;  // REV: when the contact last changed
};

// One BEGIN:VCARD ... END:VCARD block; CRLF line ends, folded at 75 octets.
std::string write_vcard(const VCard& card);

// The card for a KAM contact at the account named `account_name`: mobile as a "cell" phone,
// phone as "work", preferences as the note, the last change as REV, and a UID made from the
// contact's id so that a second export updates the cards of the first instead of adding.
// A Chinese name of two to four characters is split into family and given name for N (with
// the two-character surnames such as 欧阳); other names leave N out.
VCard vcard_for_contact(const Contact& contact, std::string_view account_name,
                        std::string_view uid_prefix = "urn:kam:contact:");

// Several cards, one after the other: the content of a .vcf file.
std::string write_vcards(std::span<const VCard> cards);

}  // namespace kam::io
