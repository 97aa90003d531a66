// runtime/gc/share.cpp — see share.hpp for the scheme and its trade-off.
#include "gc/share.hpp"

#include <cstring>
#include <unordered_set>
#include <vector>

#include "objects/code.hpp"
#include "objects/descr.hpp"
#include "objects/dict.hpp"
#include "objects/function.hpp"
#include "objects/list.hpp"
#include "objects/set.hpp"
#include "objects/module.hpp"
#include "objects/object.hpp"
#include "objects/tuple.hpp"
#include "objects/type.hpp"
#include "vm/interpreter.hpp"

namespace gk {

namespace {

// What the walk does with an object (see the table in share.hpp).
enum class Share { kSkip, kLeaf, kWalk };

Share classify(Object* o) noexcept {
  TypeObject* t = type_of(o);
  if (t == &Module_type || t == &Function_type || t == &Code_type || t == &Dict_type || t == &Tuple_type ||
      t == &StaticMethod_type || t == &ClassMethod_type || t == &Property_type || t == &Cell_type ||
      t == &FrozenSet_type)
    return Share::kWalk;
  if (is_type(o)) return Share::kWalk;  // classes (static types are immortal already)
  if (t == &Str_type || t == &Int_type || t == &Float_type || t == &Complex_type || t == &Bytes_type ||
      t == &Bool_type || t == &Range_type || t == &BuiltinFunction_type || t == &MethodDescr_type ||
      t == &List_type || t == &Set_type)
    return Share::kLeaf;
  // threading.local() objects bound to a global are read by every thread.
  if (std::strcmp(t->name, "_thread._local") == 0) return Share::kLeaf;
  return Share::kSkip;
}

class Walker {
 public:
  explicit Walker(Object* root) : root_(root) {}

  void run(Object* modules) {
    push(modules);
    while (!stack_.empty()) {
      Object* o = stack_.back();
      stack_.pop_back();
      visit(o);
    }
  }
  size_t made_immortal() const noexcept { return made_; }

 private:
  // `o` itself: made immortal when its kind says so; walked at most once.
  void push(Object* o) {
    if (o == nullptr || !seen_.insert(o).second) return;
    stack_.push_back(o);
  }
  void immortalize(Object* o) noexcept {
    if (is_immortal(o)) return;
    make_immortal(o);
    ++made_;
  }
  // A module's or class's namespace: immortal, and its values walked (once,
  // however the dict was first reached).
  void walk_namespace(Object* d) {
    if (d == nullptr || !namespaces_.insert(d).second) return;
    immortalize(d);
    push_dict_values(d);
  }
  void push_dict_values(Object* d) {
    Object *k, *v;
    for (size_t pos = 0; dict_next(d, pos, &k, &v);) {
      push(k);
      push(v);
    }
  }
  // The immutable items of a container bound to a global (strings, numbers,
  // tuples of them): every reader of the container increfs them.
  static bool immutable_leaf(Object* o) noexcept {
    TypeObject* t = type_of(o);
    return t == &Str_type || t == &Int_type || t == &Float_type || t == &Complex_type || t == &Bytes_type ||
           t == &Tuple_type || t == &FrozenSet_type;
  }
  void push_immutable_items(Object* c) {
    TypeObject* t = type_of(c);
    if (t == &List_type) {
      for (size_t i = 0, n = list_size(c); i < n; ++i)
        if (Object* v = list_get(c, i); v && immutable_leaf(v)) push(v);
    } else if (t == &Set_type) {
      Object* k;
      for (size_t pos = 0; set_next(c, pos, &k);)
        if (immutable_leaf(k)) push(k);
    } else {
      Object *k, *v;
      for (size_t pos = 0; dict_next(c, pos, &k, &v);) {
        if (immutable_leaf(k)) push(k);
        if (immutable_leaf(v)) push(v);
      }
    }
  }
  void visit(Object* o) {
    Share how = classify(o);
    if (how == Share::kSkip) return;
    // sys.modules itself is the root; dicts reached as module or class
    // namespaces, or as globals, are immortalised; their values walked only
    // for namespaces (see share.hpp).
    immortalize(o);
    TypeObject* t = type_of(o);
    if (t == &List_type || t == &Set_type || (t == &Dict_type && o != root_ && !namespaces_.count(o))) {
      push_immutable_items(o);  // a global container: its constant items
      return;
    }
    if (how == Share::kLeaf) return;
    if (t == &Module_type) {
      auto* m = static_cast<ModuleObject*>(o);
      walk_namespace(m->dict);
      push(m->name);
    } else if (t == &Dict_type) {
      if (o == root_) push_dict_values(o);  // sys.modules: walk the modules
    } else if (t == &Function_type) {
      auto* f = static_cast<FunctionObject*>(o);
      push(f->code);
      push(f->globals);
      push(f->builtins);
      push(f->name);
      push(f->qualname);
      push(f->defaults);
      push(f->kwdefaults);
      push(f->closure);
      push(f->module);
    } else if (t == &Code_type) {
      auto* c = static_cast<CodeObject*>(o);
      push(c->consts);
      push(c->names);
      push(c->varnames);
      push(c->cellvars);
      push(c->freevars);
      push(c->filename);
      push(c->name);
      push(c->qualname);
    } else if (t == &Tuple_type || t == &FrozenSet_type) {
      if (t == &Tuple_type)
        for (size_t i = 0, n = tuple_size(o); i < n; ++i) push(tuple_get(o, i));
    } else if (t == &StaticMethod_type || t == &ClassMethod_type) {
      push(static_cast<ClassMethodObject*>(o)->callable);
    } else if (t == &Property_type) {
      auto* p = static_cast<PropertyObject*>(o);
      push(p->fget);
      push(p->fset);
      push(p->fdel);
    } else if (t == &Cell_type) {
      // The cell is shared by every closure over it; its contents change.
    } else if (is_type(o)) {
      auto* type = static_cast<TypeObject*>(o);
      walk_namespace(type->dict);
      push(type->mro);
      push(type->bases);
    }
  }

  Object* root_;                            // sys.modules
  std::unordered_set<Object*> seen_;        // objects pushed
  std::unordered_set<Object*> namespaces_;  // namespace dicts walked
  std::vector<Object*> stack_;
  size_t made_ = 0;
};

}  // namespace

size_t share_objects_for_threads(ThreadState& ts) {
  if constexpr (!LockPolicy::kImmortalizeShared) {
    return 0;
  } else {
    Interpreter& interp = *ts.interp;
    // Only while this is the one VM thread (see share.hpp): a pause would
    // have to wait for every running thread to reach its eval breaker, and a
    // thread inside a long built-in call (sum(range(10**8))) reaches none,
    // so starting a second worker would wait for the first to finish.
    if (interp.threads.count() > 1) return 0;
    // With no other thread the pause is immediate; it merges every pending
    // biased count (objects queued to this thread by threads that have
    // exited), so no header changes under the walk and none is QUEUED.
    LockPolicy::stop_the_world(interp.threads, ts);
    size_t made = 0;
    try {
      Walker w(interp.modules);
      w.run(interp.modules);
      made = w.made_immortal();
    } catch (...) {
      LockPolicy::start_the_world(interp.threads);
      throw;  // std::bad_alloc from the walk's own bookkeeping
    }
    LockPolicy::start_the_world(interp.threads);
    return made;
  }
}

bool check_shared_immortal(ThreadState& ts) {
  if constexpr (!LockPolicy::kImmortalizeShared) {
    return true;
  } else {
    Interpreter& interp = *ts.interp;
    Object *k, *m;
    for (size_t pos = 0; dict_next(interp.modules, pos, &k, &m);) {
      if (type_of(m) != &Module_type) continue;
      Object* d = static_cast<ModuleObject*>(m)->dict;
      if (!is_immortal(m) || (d && !is_immortal(d))) return false;
      if (!d) continue;
      Object *name, *v;
      for (size_t p = 0; dict_next(d, p, &name, &v);) {
        if ((type_of(v) == &Function_type || type_of(v) == &Code_type || is_type(v)) && !is_immortal(v)) return false;
      }
    }
    return true;
  }
}

}  // namespace gk
