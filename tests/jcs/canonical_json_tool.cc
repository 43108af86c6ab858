// Reads one JSON document on standard input and prints its canonical
// encoding (core/json.h CanonicalJson); for utf16_key_order.py, which holds
// it to an independent implementation of RFC 8785's key order.
#include <iostream>
#include <iterator>
#include <string>

#include "core/json.h"

int main() {
  const std::string text(std::istreambuf_iterator<char>(std::cin), {});
  auto doc = verity::ParseJson(text, "stdin");
  if (!doc.ok()) {
    std::cerr << doc.status().message() << "\n";
    return 2;
  }
  auto canonical = verity::CanonicalJson(*doc);
  if (!canonical.ok()) {
    std::cerr << canonical.status().message() << "\n";
    return 2;
  }
  std::cout << *canonical;
  return 0;
}
