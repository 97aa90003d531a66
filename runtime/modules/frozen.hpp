// runtime/modules/frozen.hpp — Python-source modules compiled into the binary
// (runtime/modules/lib/*.py, embedded by lib/embed.py at build time).
#pragma once

#include <string_view>

namespace gk {

struct FrozenModule {
  const char* name;
  std::string_view source;
};

extern const FrozenModule kFrozenModules[];  // ends with {nullptr, {}}

inline std::string_view find_frozen_module(std::string_view name) noexcept {
  for (const FrozenModule* m = kFrozenModules; m->name; ++m)
    if (name == m->name) return m->source;
  return {};
}

}  // namespace gk
