// Pass 2b of semantic analysis: GLOBAL ASSIGNED variables and file-scope LOCALs that the code
// writes become per-instance storage.
//
// In NEURON such a variable is one value shared by every instance (per thread with THREADSAFE),
// used as scratch space: hh's rates() writes minf and mtau for each instance just before the
// same instance reads them. Kept shared, every write is a store to one address inside the
// instance loop, which forbids vectorising it. Per instance, each instance sees exactly the
// values NEURON gives it; only the "last instance wins" value visible from outside is lost
// (CoreNEURON and NMODL make the same change). Variables written under PROTECT are deliberate
// shared counters and stay shared.
#include "passes.hpp"

#include <set>

namespace cornu::nmodl {

namespace {

void protected_targets(const Block& b, std::set<std::string>& out) {
    for (const StmtPtr& s : b.statements) {
        switch (s->kind) {
            case StmtKind::assign:
                if (as<AssignStmt>(*s).protect) out.insert(as<AssignStmt>(*s).target->name);
                break;
            case StmtKind::block: protected_targets(as<Block>(*s), out); break;
            case StmtKind::if_: {
                auto& i = as<IfStmt>(*s);
                protected_targets(*i.then_block, out);
                if (auto* e = dyn<Block>(i.else_branch.get())) protected_targets(*e, out);
                else if (i.else_branch) {
                    Block wrapper;
                    wrapper.statements.push_back(i.else_branch->clone());
                    protected_targets(wrapper, out);
                }
                break;
            }
            case StmtKind::while_: protected_targets(*as<WhileStmt>(*s).body, out); break;
            case StmtKind::from: protected_targets(*as<FromStmt>(*s).body, out); break;
            case StmtKind::for_netcons: protected_targets(*as<ForNetconsStmt>(*s).body, out); break;
            case StmtKind::net_initial: protected_targets(*as<NetInitialStmt>(*s).body, out); break;
            default: break;
        }
    }
}

}  // namespace

void localise_written_globals(const Module& module, MechanismInfo& info) {
    std::set<std::string> shared;
    for (const ItemPtr& item : module.items)
        if (auto* p = dyn<ProcItem>(item.get()); p && p->body) protected_targets(*p->body, shared);
    for (Variable& v : info.variables) {
        bool scratch = (v.origin == VariableOrigin::assigned || v.origin == VariableOrigin::top_local) &&
                       v.storage == Storage::global && v.assigned_in_code && !shared.count(v.name);
        if (scratch) v.storage = Storage::range;
    }
}

}  // namespace cornu::nmodl
