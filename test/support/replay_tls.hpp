#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"

namespace recs::test {

/// A certificate and its private key, both PEM.
struct tls_identity {
  std::string cert_pem;
  std::string key_pem;
};

/// A fresh self-signed server certificate (P-256 key, SHA-256, valid from an hour ago for 30
/// days, extendedKeyUsage serverAuth) whose subjectAltName lists `names`: each an IPv4 or IPv6
/// address (an IP entry) or a DNS name; the first is also the common name. Trusting its PEM
/// (a client's CA file) makes a TLS client accept exactly those names. For tests only.
result<tls_identity> make_self_signed(const std::vector<std::string>& names = {"localhost",
                                                                               "127.0.0.1", "::1"});

/// Writes `content` to `path` (created or truncated).
status write_text_file(const std::string& path, const std::string& content);

}  // namespace recs::test
