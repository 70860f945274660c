// The names of account roles and token scopes, as the store and the JSON API spell them.
#include "storage/account_store.hpp"

#include <string>

namespace recs::storage {

std::string_view to_string(account_role r) noexcept {
  switch (r) {
    case account_role::owner:
      return "owner";
    case account_role::member:
      return "member";
  }
  return "";  // not a role: the store's CHECK refuses it
}

result<account_role> parse_account_role(std::string_view text) {
  if (text == "owner") return account_role::owner;
  if (text == "member") return account_role::member;
  return error{errc::invalid_argument, "unknown account role '" + std::string(text) + "'"};
}

std::string_view to_string(token_scope s) noexcept {
  switch (s) {
    case token_scope::read:
      return "read";
    case token_scope::write:
      return "write";
    case token_scope::admin:
      return "admin";
  }
  return "";  // not a scope: the store's CHECK refuses it
}

result<token_scope> parse_token_scope(std::string_view text) {
  if (text == "read") return token_scope::read;
  if (text == "write") return token_scope::write;
  if (text == "admin") return token_scope::admin;
  return error{errc::invalid_argument, "unknown token scope '" + std::string(text) + "'"};
}

}  // namespace recs::storage
