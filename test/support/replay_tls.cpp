#include "test/support/replay_tls.hpp"

#include <arpa/inet.h>

#include <fstream>
#include <functional>
#include <memory>
#include <random>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace recs::test {
namespace {

struct openssl_free {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
  void operator()(X509* p) const { X509_free(p); }
  void operator()(BIO* p) const { BIO_free(p); }
  void operator()(X509_EXTENSION* p) const { X509_EXTENSION_free(p); }
};
template <class T>
using owned = std::unique_ptr<T, openssl_free>;

error failed(const std::string& what) {
  const unsigned long code = ERR_get_error();
  char reason[256] = "unknown reason";
  if (code != 0) ERR_error_string_n(code, reason, sizeof reason);
  ERR_clear_error();
  return {errc::internal, "self-signed certificate: " + what + ": " + reason};
}

bool ip_address(const std::string& name) {
  unsigned char buf[16];
  return inet_pton(AF_INET, name.c_str(), buf) == 1 || inet_pton(AF_INET6, name.c_str(), buf) == 1;
}

std::string alt_names(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ',';
    out += (ip_address(n) ? "IP:" : "DNS:") + n;
  }
  return out;
}

status add_extension(X509* cert, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  owned<X509_EXTENSION> ext(X509V3_EXT_nconf_nid(nullptr, &ctx, nid, value.c_str()));
  if (!ext || X509_add_ext(cert, ext.get(), -1) != 1) return failed("extension " + value);
  return ok_status();
}

result<std::string> pem_of(const std::function<int(BIO*)>& write) {
  owned<BIO> bio(BIO_new(BIO_s_mem()));
  if (!bio || write(bio.get()) != 1) return failed("PEM encoding");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

}  // namespace

result<tls_identity> make_self_signed(const std::vector<std::string>& names) {
  if (names.empty()) return error{errc::invalid_argument, "self-signed certificate: no names"};
  owned<EVP_PKEY> key(EVP_EC_gen("P-256"));
  if (!key) return failed("key generation");
  owned<X509> cert(X509_new());
  if (!cert) return failed("X509_new");
  X509_set_version(cert.get(), 2);  // v3
  std::random_device rd;
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), static_cast<long>(rd() & 0x7fffffffu));
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 30L * 86400);
  if (X509_set_pubkey(cert.get(), key.get()) != 1) return failed("public key");
  X509_NAME* subject = X509_get_subject_name(cert.get());
  const auto cn = reinterpret_cast<const unsigned char*>(names.front().c_str());
  X509_NAME_add_entry_by_txt(subject, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("recs tests"), -1, -1, 0);
  if (X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC, cn, -1, -1, 0) != 1) {
    return failed("common name");
  }
  X509_set_issuer_name(cert.get(), subject);
  for (const auto& [nid, value] : std::vector<std::pair<int, std::string>>{
           {NID_basic_constraints, "critical,CA:FALSE"},
           {NID_key_usage, "critical,digitalSignature,keyEncipherment"},
           {NID_ext_key_usage, "serverAuth"},
           {NID_subject_key_identifier, "hash"},
           {NID_subject_alt_name, alt_names(names)}}) {
    if (auto st = add_extension(cert.get(), nid, value); !st) return st.err();
  }
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) return failed("signing");
  auto cert_pem = pem_of([&](BIO* b) { return PEM_write_bio_X509(b, cert.get()); });
  if (!cert_pem) return cert_pem.err();
  auto key_pem = pem_of([&](BIO* b) {
    return PEM_write_bio_PrivateKey(b, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  });
  if (!key_pem) return key_pem.err();
  return tls_identity{std::move(*cert_pem), std::move(*key_pem)};
}

status write_text_file(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  if (!out) return error{errc::unavailable, "cannot write " + path};
  return ok_status();
}

}  // namespace recs::test
