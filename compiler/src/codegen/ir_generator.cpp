// Kernel code to LLVM IR.
//
// Every generated function shares one calling convention: the "environment" (the data struct,
// every field base pointer, the globals, node and ion arrays, the scalars t, dt, celsius, a
// pointer to the instance's v, and the instance index) followed by the function's own
// arguments. Kernels load the environment once from cornu_mech_data and loop over instances;
// user FUNCTIONs and PROCEDUREs are internal, always-inline functions taking the environment,
// so after inlining each instance loop is one flat body the loop vectoriser can work on. All
// pointer parameters are noalias: field arrays, globals, node and ion arrays never overlap.
#include "ir_generator.hpp"

#include "../kernel_support/newton.hpp"
#include "../kernel_support/sparse_order.hpp"
#include "../solve/c_expression.hpp"
#include "../solve/diffeq.hpp"

#include "cornu/compiler/ast_printer.hpp"
#include "cornu/compiler/mechanism_abi.h"
#include "cornu/compiler/runtime_hooks.h"

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Intrinsics.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <tuple>

namespace cornu::codegen {

using namespace nmodl;
using llvm::BasicBlock;
using llvm::Function;
using llvm::Type;
using llvm::Value;

const char* to_string(KernelKind k) {
    switch (k) {
        case KernelKind::init: return "init";
        case KernelKind::current: return "current";
        case KernelKind::jacob: return "jacob";
        case KernelKind::state: return "state";
        case KernelKind::net_receive: return "net_receive";
        case KernelKind::net_init: return "net_init";
        case KernelKind::watch: return "watch";
        case KernelKind::table: return "table";
    }
    return "?";
}

std::string kernel_symbol(const std::string& mechanism, KernelKind kind) {
    return "cornu." + mechanism + "." + to_string(kind);
}

namespace {

// Error codes passed to cornu_rt_solver_failed.
constexpr int error_event_out_of_order = 100;
constexpr int error_unsupported = 101;

// Field indices of cornu_mech_data (must follow mechanism_abi.h).
enum DataField {
    d_n, d_stride, d_t, d_dt, d_celsius, d_secondorder, d_mechanism_id, d_fields, d_globals, d_tables,
    d_node_index, d_node_v, d_node_rhs, d_node_d, d_node_area, d_node_diam, d_ions, d_ion_index, d_runtime,
    d_contiguous
};
constexpr int ion_arrays_per_ion = 5;  // reversal, inside, outside, current, conductance

// The values a generated function works with; see the file comment.
struct Env {
    Value* data = nullptr;
    std::vector<Value*> fields;
    Value* globals = nullptr;
    std::vector<Value*> tables;
    Value* node_index = nullptr;
    Value* node_v = nullptr;
    Value* node_rhs = nullptr;
    Value* node_d = nullptr;
    Value* node_area = nullptr;
    Value* node_diam = nullptr;
    std::vector<Value*> ion_arrays;  // ion * ion_arrays_per_ion + kind
    std::vector<Value*> ion_index;
    Value* stride = nullptr;
    Value* t = nullptr;
    Value* dt = nullptr;
    Value* celsius = nullptr;
    // double: the mechanism's usetable GLOBAL as the kernel found it on entry (0 without TABLE).
    // A value rather than a load in every lookup, so that an instance loop can be compiled once
    // for tables on and once off (see kernel_loop) and each copy loses the other's code.
    Value* use_table = nullptr;
    Value* runtime = nullptr;
    Value* mechanism_id = nullptr;
    Value* v_slot = nullptr;    // double*: this instance's v
    Value* instance = nullptr;  // i64
    Value* weights = nullptr;   // double*: the NetCon weight vector in NET_RECEIVE, else null
    // Set in loops versioned for contiguous instances (cornu_mech_data.contiguous): the node of
    // instance i is node_base + i, its ion node ion_base[ion] + i. Not passed to functions,
    // which index as usual.
    Value* node_base = nullptr;
    std::vector<Value*> ion_base;
};

int ion_array_kind(IonVariableKind k) {
    switch (k) {
        case IonVariableKind::reversal: return 0;
        case IonVariableKind::conc_inside: return 1;
        case IonVariableKind::conc_outside: return 2;
        case IonVariableKind::current: return 3;
    }
    return 0;
}

// A name visible in the current scope.
struct Local {
    Value* address = nullptr;  // double* (or [N x double]* for arrays)
    int array_size = 0;
    Value* constant = nullptr;  // the value, when known at compile time (an unrolled FROM's index)
};

// A KINETIC block's equations as nocmodl numbers them (see Generator::number_equations).
struct KineticEquations {
    std::vector<StateRef> rows;                       // the state of each row
    std::map<const ConserveStmt*, int> conservation;  // the row each CONSERVE replaces
    int conserved = 0;                                // rows [0, conserved) are conservation laws
};

class Generator {
public:
    Generator(llvm::LLVMContext& ctx, const MechanismInfo& info, const MechanismLayout& layout,
              const KernelCode& code, const IRGenOptions& options, DiagnosticEngine& diags)
        : ctx_(ctx), info_(info), layout_(layout), code_(code), options_(options), diags_(diags),
          module_(std::make_unique<llvm::Module>("cornu." + info.name, ctx)), b_(ctx) {
        f64_ = Type::getDoubleTy(ctx);
        i64_ = Type::getInt64Ty(ctx);
        i32_ = Type::getInt32Ty(ctx);
        i1_ = Type::getInt1Ty(ctx);
        ptr_ = llvm::PointerType::getUnqual(ctx);
        void_ = Type::getVoidTy(ctx);
        data_ty_ = llvm::StructType::create(
            ctx, {i64_, i64_, f64_, f64_, f64_, i32_, i32_, ptr_, ptr_, ptr_, ptr_, ptr_, ptr_, ptr_, ptr_, ptr_, ptr_, ptr_, ptr_, i32_},
            "cornu_mech_data");
        ion_ty_ = llvm::StructType::create(ctx, {ptr_, ptr_, ptr_, ptr_, ptr_, f64_}, "cornu_ion_data");
    }

    std::unique_ptr<llvm::Module> run() {
        if (!options_.exact_math) define_fast_exp(*module_);
        declare_functions();
        for (const Callable& c : info_.callables) define_callable_bodies(c);
        for (const ImplicitSystem& s : code_.systems) define_system(s);
        define_kernels();
        if (failed_) return nullptr;
        std::string problems;
        llvm::raw_string_ostream stream(problems);
        if (llvm::verifyModule(*module_, &stream)) {
            if (std::getenv("CORNU_DUMP_INVALID_IR")) module_->print(llvm::errs(), nullptr);
            diags_.error({info_.loc.file, 0, 0}, "internal error: invalid code generated for " + info_.name + ": " + problems,
                         "please report this with the .mod file");
            return nullptr;
        }
        return std::move(module_);
    }

private:
    // -----------------------------------------------------------------------------------------
    // Errors
    // -----------------------------------------------------------------------------------------

    void unsupported(SourceLocation loc, const std::string& what) {
        if (!failed_ || reported_ < 10)
            diags_.error(loc, what + " is not supported by cornu's code generator",
                         "see `cornu check` for the list of unsupported constructs in this file");
        ++reported_;
        failed_ = true;
    }

    // -----------------------------------------------------------------------------------------
    // Environment
    // -----------------------------------------------------------------------------------------

    std::vector<Type*> env_types() const {
        std::vector<Type*> types{ptr_};
        types.insert(types.end(), layout_.fields.size(), ptr_);
        types.push_back(ptr_);                                   // globals
        types.insert(types.end(), layout_.tables.size(), ptr_);  // tables
        types.insert(types.end(), 6, ptr_);                      // node arrays
        types.insert(types.end(), layout_.ions.size() * ion_arrays_per_ion, ptr_);
        types.insert(types.end(), layout_.ions.size(), ptr_);    // ion index
        types.push_back(i64_);                                   // stride
        types.insert(types.end(), 4, f64_);                      // t, dt, celsius, use_table
        types.push_back(ptr_);                                   // runtime
        types.push_back(i32_);                                   // mechanism id
        types.push_back(ptr_);                                   // v slot
        types.push_back(i64_);                                   // instance
        types.push_back(ptr_);                                   // weights
        return types;
    }

    std::size_t env_size() const { return env_types().size(); }

    void flatten(const Env& e, std::vector<Value*>& out) const {
        out.push_back(e.data);
        out.insert(out.end(), e.fields.begin(), e.fields.end());
        out.push_back(e.globals);
        out.insert(out.end(), e.tables.begin(), e.tables.end());
        for (Value* v : {e.node_index, e.node_v, e.node_rhs, e.node_d, e.node_area, e.node_diam}) out.push_back(v);
        out.insert(out.end(), e.ion_arrays.begin(), e.ion_arrays.end());
        out.insert(out.end(), e.ion_index.begin(), e.ion_index.end());
        for (Value* v : {e.stride, e.t, e.dt, e.celsius, e.use_table, e.runtime, e.mechanism_id, e.v_slot, e.instance})
            out.push_back(v);
        out.push_back(e.weights ? e.weights : llvm::ConstantPointerNull::get(ptr_));
    }

    Env env_from_args(Function* f) const {
        Env e;
        auto arg = f->arg_begin();
        auto next = [&]() -> Value* { return &*arg++; };
        e.data = next();
        for (std::size_t i = 0; i < layout_.fields.size(); ++i) e.fields.push_back(next());
        e.globals = next();
        for (std::size_t i = 0; i < layout_.tables.size(); ++i) e.tables.push_back(next());
        e.node_index = next();
        e.node_v = next();
        e.node_rhs = next();
        e.node_d = next();
        e.node_area = next();
        e.node_diam = next();
        for (std::size_t i = 0; i < layout_.ions.size() * ion_arrays_per_ion; ++i) e.ion_arrays.push_back(next());
        for (std::size_t i = 0; i < layout_.ions.size(); ++i) e.ion_index.push_back(next());
        e.stride = next();
        e.t = next();
        e.dt = next();
        e.celsius = next();
        e.use_table = next();
        e.runtime = next();
        e.mechanism_id = next();
        e.v_slot = next();
        e.instance = next();
        e.weights = next();
        return e;
    }

    // Loads the environment from cornu_mech_data (kernel entry).
    Env load_env(Value* data) {
        Env e;
        e.data = data;
        auto field = [&](DataField f, Type* t) {
            return b_.CreateLoad(t, b_.CreateStructGEP(data_ty_, data, f));
        };
        Value* fields = field(d_fields, ptr_);
        for (std::size_t i = 0; i < layout_.fields.size(); ++i)
            e.fields.push_back(b_.CreateLoad(ptr_, b_.CreateConstInBoundsGEP1_64(ptr_, fields, i)));
        e.globals = field(d_globals, ptr_);
        Value* tables = field(d_tables, ptr_);
        for (std::size_t i = 0; i < layout_.tables.size(); ++i)
            e.tables.push_back(b_.CreateLoad(ptr_, b_.CreateConstInBoundsGEP1_64(ptr_, tables, i)));
        e.node_index = field(d_node_index, ptr_);
        e.node_v = field(d_node_v, ptr_);
        e.node_rhs = field(d_node_rhs, ptr_);
        e.node_d = field(d_node_d, ptr_);
        e.node_area = field(d_node_area, ptr_);
        e.node_diam = field(d_node_diam, ptr_);
        Value* ions = field(d_ions, ptr_);
        for (std::size_t i = 0; i < layout_.ions.size(); ++i) {
            Value* ion = b_.CreateConstInBoundsGEP1_64(ion_ty_, ions, i);
            for (int k = 0; k < ion_arrays_per_ion; ++k)
                e.ion_arrays.push_back(b_.CreateLoad(ptr_, b_.CreateStructGEP(ion_ty_, ion, static_cast<unsigned>(k))));
        }
        Value* ion_index = field(d_ion_index, ptr_);
        for (std::size_t i = 0; i < layout_.ions.size(); ++i)
            e.ion_index.push_back(b_.CreateLoad(ptr_, b_.CreateConstInBoundsGEP1_64(ptr_, ion_index, i)));
        e.stride = field(d_stride, i64_);
        e.t = field(d_t, f64_);
        e.dt = field(d_dt, f64_);
        e.celsius = field(d_celsius, f64_);
        e.use_table = c(0.0);
        if (int usetable = layout_.global("usetable", 0); !layout_.tables.empty() && usetable >= 0)
            e.use_table = b_.CreateLoad(f64_, b_.CreateConstInBoundsGEP1_64(f64_, e.globals, static_cast<std::uint64_t>(usetable)));
        e.runtime = field(d_runtime, ptr_);
        e.mechanism_id = field(d_mechanism_id, i32_);
        return e;
    }

    // -----------------------------------------------------------------------------------------
    // Declarations
    // -----------------------------------------------------------------------------------------

    Function* declare_external(const std::string& name, Type* result, std::vector<Type*> params) {
        auto* type = llvm::FunctionType::get(result, params, false);
        return Function::Create(type, Function::ExternalLinkage, name, *module_);
    }

    // An internal, always-inline function taking the environment. Only instance-loop functions
    // get noalias parameters: inlining a noalias callee inside a loop leaves scope declarations
    // in the loop body, which would hide the loop's parallel annotation from the vectoriser.
    Function* internal_function(const std::string& name, Type* result, const std::vector<Type*>& extra,
                                bool noalias = false) {
        std::vector<Type*> params = env_types();
        params.insert(params.end(), extra.begin(), extra.end());
        auto* type = llvm::FunctionType::get(result, params, false);
        Function* f = Function::Create(type, Function::InternalLinkage, name, *module_);
        f->addFnAttr(llvm::Attribute::AlwaysInline);
        f->addFnAttr(llvm::Attribute::NoUnwind);
        if (noalias) mark_noalias(f, env_size());
        return f;
    }

    void mark_noalias(Function* f, std::size_t count) {
        for (std::size_t i = 0; i < count; ++i)
            if (f->getArg(static_cast<unsigned>(i))->getType()->isPointerTy())
                f->addParamAttr(static_cast<unsigned>(i), llvm::Attribute::NoAlias);
    }

    void declare_functions() {
        hoc_exp_ = declare_external("cornu_hoc_exp", f64_, {f64_});
        // A pure function (it clamps its argument, so std::exp never sets errno): calls with the
        // same argument may be merged or moved out of loops, as for the C library's functions.
        hoc_exp_->setDoesNotAccessMemory();
        hoc_exp_->addFnAttr(llvm::Attribute::NoUnwind);
        hoc_exp_->addFnAttr(llvm::Attribute::WillReturn);
        net_send_ = declare_external("cornu_rt_net_send", void_, {ptr_, i32_, i64_, ptr_, f64_, f64_});
        net_event_ = declare_external("cornu_rt_net_event", void_, {ptr_, i32_, i64_, f64_});
        net_move_ = declare_external("cornu_rt_net_move", void_, {ptr_, i32_, i64_, f64_});
        watch_ = declare_external("cornu_rt_watch", void_, {ptr_, i32_, i64_, i32_, f64_});
        netcon_count_ = declare_external("cornu_rt_netcon_count", i64_, {ptr_, i32_, i64_});
        netcon_weights_ = declare_external("cornu_rt_netcon_weights", ptr_, {ptr_, i32_, i64_, i64_});
        random_ = declare_external("cornu_rt_random", f64_, {ptr_, i32_, i64_, i32_, f64_, f64_});
        set_seed_ = declare_external("cornu_rt_set_seed", void_, {ptr_, i32_, i64_, f64_});
        play_time_ = declare_external("cornu_rt_play_time", f64_, {ptr_, i32_, i64_, f64_});
        solver_failed_ = declare_external("cornu_rt_solver_failed", void_, {ptr_, i32_, i64_, i32_});
        function_table_ = declare_external("cornu_rt_function_table", f64_, {ptr_, i32_, i32_, i32_, ptr_});
        function_table_->setOnlyReadsMemory();
        function_table_->addFnAttr(llvm::Attribute::NoUnwind);
        derivimplicit_ = declare_external("cornu_derivimplicit", i32_, {ptr_, ptr_, i32_, ptr_, f64_});
        kinetic_solve_ = declare_external("cornu_kinetic_solve", i32_, {ptr_, ptr_, i32_, ptr_, f64_, i32_, i32_, ptr_});
        for (const Callable& c : info_.callables) {
            std::vector<Type*> args(c.arity, f64_);
            callables_[c.name] = internal_function("cornu." + info_.name + "." + c.name, f64_, args);
            if (c.table)
                raw_callables_[c.name] = internal_function("cornu." + info_.name + "." + c.name + ".raw", f64_, args);
        }
    }

    // -----------------------------------------------------------------------------------------
    // Function bodies
    // -----------------------------------------------------------------------------------------

    struct FunctionState {
        Function* fn = nullptr;
        Env env;
        // Set when this code writes memory shared by all instances (a GLOBAL, directly or in a
        // called function): its instance loop then has a real dependence between iterations.
        bool writes_shared = false;
        std::vector<std::map<std::string, Local>> scopes;
        ProcKind kind = ProcKind::procedure;
        const ProcItem* proc = nullptr;
        std::map<std::string, int> weight_names;  // NET_RECEIVE argument -> weight index
        // A DERIVATIVE body evaluated for an implicit solver: x' = e stores e in f[k].
        const ImplicitSystem* system = nullptr;
        Value* derivatives = nullptr;
        // A KINETIC body building its backward-Euler system: residual r, Jacobian j (n x n, row
        // major), the structure it writes (used, n x n bytes), compartment volumes, and nocmodl's
        // numbering of the equations.
        Value* residual = nullptr;
        Value* jacobian = nullptr;
        Value* used = nullptr;
        Value* volumes = nullptr;
        const KineticEquations* equations = nullptr;
        // nocmodl's linmat: cleared when a Jacobian term multiplies by a species.
        bool linear = true;
        // The Jacobian elements the KINETIC body writes, when known at compile time: set to
        // false once an element's row or column is computed at run time or written under a
        // condition or in a loop (control_depth > 0).
        std::set<std::pair<int, int>> structure;
        bool static_structure = true;
        int control_depth = 0;
        // An instance loop: the first instance whose linear sparse solve met a singular pivot
        // (i64, max if none), reported after the loop so that the loop body has no call.
        Value* deferred_singular = nullptr;
    };

    FunctionState* fs_ = nullptr;

    void begin_function(FunctionState& state, Function* f) {
        state.fn = f;
        fs_ = &state;
        b_.SetInsertPoint(BasicBlock::Create(ctx_, "entry", f));
        state.scopes.emplace_back();
    }

    Value* entry_alloca(Type* type, const std::string& name) {
        llvm::IRBuilder<> entry(&fs_->fn->getEntryBlock(), fs_->fn->getEntryBlock().begin());
        return entry.CreateAlloca(type, nullptr, name);
    }

    Value* declare_local(const std::string& name, int array_size = 0) {
        Type* type = array_size ? static_cast<Type*>(llvm::ArrayType::get(f64_, static_cast<std::uint64_t>(array_size))) : f64_;
        Value* slot = entry_alloca(type, name);
        // LOCALs start at 0 (nocmodl declares them as C locals; reading one before assigning is
        // undefined there, 0 here).
        if (!array_size) b_.CreateStore(c(0.0), slot);
        else
            for (int i = 0; i < array_size; ++i)
                b_.CreateStore(c(0.0), b_.CreateConstInBoundsGEP2_64(type, slot, 0, static_cast<std::uint64_t>(i)));
        fs_->scopes.back()[name] = Local{slot, array_size};
        return slot;
    }

    void define_callable_bodies(const Callable& callable) {
        if (callable.kind == CallableKind::function_table) {
            define_function_table(callable);
            return;
        }
        Function* target = callable.table ? raw_callables_[callable.name] : callables_[callable.name];
        define_callable(callable, target);
        if (callable.table) define_table_lookup(callable);
    }

    void define_callable(const Callable& callable, Function* f) {
        FunctionState state;
        state.kind = callable.item->proc;
        state.proc = callable.item;
        begin_function(state, f);
        state.env = env_from_args(f);
        std::size_t first_arg = env_size();
        for (std::size_t i = 0; i < callable.arity; ++i) {
            Value* slot = declare_local(callable.item->args[i].ident.name);
            b_.CreateStore(f->getArg(static_cast<unsigned>(first_arg + i)), slot);
        }
        Value* result = nullptr;
        if (callable.kind == CallableKind::function) result = declare_local(callable.name);
        block(*callable.item->body);
        if (!b_.GetInsertBlock()->getTerminator())
            b_.CreateRet(result ? b_.CreateLoad(f64_, result) : c(0.0));
        if (state.writes_shared) shared_writers_.insert(callable.name);
        fs_ = nullptr;
    }

    // FUNCTION_TABLE: the values are the simulator's (the user gives them), so the function asks
    // it through cornu_rt_function_table with the table's index in the layout and the arguments.
    void define_function_table(const Callable& callable) {
        FunctionState state;
        Function* f = callables_[callable.name];
        begin_function(state, f);
        state.env = env_from_args(f);
        auto n = static_cast<std::uint64_t>(std::max<std::size_t>(callable.arity, 1));
        llvm::ArrayType* array = llvm::ArrayType::get(f64_, n);
        Value* args = entry_alloca(array, "table.args");
        for (std::size_t i = 0; i < callable.arity; ++i)
            b_.CreateStore(f->getArg(static_cast<unsigned>(env_size() + i)),
                           b_.CreateConstInBoundsGEP2_64(array, args, 0, i));
        int index = -1;
        for (std::size_t k = 0; k < layout_.function_tables.size(); ++k)
            if (layout_.function_tables[k].name == callable.name) index = static_cast<int>(k);
        Value* value = b_.CreateCall(function_table_, {state.env.runtime, state.env.mechanism_id,
                                                       llvm::ConstantInt::get(i32_, static_cast<std::uint64_t>(index)),
                                                       llvm::ConstantInt::get(i32_, callable.arity), args});
        b_.CreateRet(value);
        fs_ = nullptr;
    }

    // -----------------------------------------------------------------------------------------
    // Statements
    // -----------------------------------------------------------------------------------------

    void block(const Block& blk) {
        fs_->scopes.emplace_back();
        for (const StmtPtr& s : blk.statements) {
            if (b_.GetInsertBlock()->getTerminator()) break;
            stmt(*s);
        }
        fs_->scopes.pop_back();
    }

    void stmt(const Stmt& s) {
        switch (s.kind) {
            case StmtKind::block: block(as<Block>(s)); return;
            case StmtKind::local:
                for (const LocalVar& v : as<LocalStmt>(s).vars) declare_local(v.ident.name, local_size(v));
                return;
            case StmtKind::assign: assign(as<AssignStmt>(s)); return;
            case StmtKind::call: call(*as<CallStmt>(s).call); return;
            case StmtKind::if_: if_stmt(as<IfStmt>(s)); return;
            case StmtKind::while_: while_stmt(as<WhileStmt>(s)); return;
            case StmtKind::from: from_stmt(as<FromStmt>(s)); return;
            case StmtKind::solve: solve(as<SolveStmt>(s)); return;
            case StmtKind::watch: watch(as<WatchStmt>(s)); return;
            case StmtKind::for_netcons: for_netcons(as<ForNetconsStmt>(s)); return;
            case StmtKind::table:          // handled by the function's table wrapper
            case StmtKind::units_toggle:
            case StmtKind::mutex:
            case StmtKind::conductance:
            case StmtKind::verbatim:       // only trivial VERBATIM reaches here (checked before)
                return;
            case StmtKind::net_initial:    // split off by lowering
                return;
            case StmtKind::reaction:
                if (fs_->residual) reaction(as<ReactionStmt>(s));
                else unsupported(s.loc, "a reaction outside a KINETIC block solved with sparse");
                return;
            case StmtKind::conserve:
                if (fs_->residual) conserve(as<ConserveStmt>(s));
                else unsupported(s.loc, "CONSERVE outside a KINETIC block solved with sparse");
                return;
            case StmtKind::compartment:
                if (!fs_->residual) unsupported(s.loc, "COMPARTMENT outside a KINETIC block solved with sparse");
                return;  // applied when the system is set up
            case StmtKind::equation: unsupported(s.loc, "an equation '~ a = b'"); return;
            case StmtKind::lag: unsupported(s.loc, "LAG"); return;
        }
    }

    int local_size(const LocalVar& v) {
        if (!v.size.is_array()) return 0;
        if (v.size.define_name.empty()) return static_cast<int>(v.size.value);
        const Variable* d = info_.find(v.size.define_name);
        return d && d->value ? static_cast<int>(*d->value) : 1;
    }

    void assign(const AssignStmt& a) {
        const NameExpr& target = *a.target;
        if (target.primes > 0) {
            derivative_assign(a);
            return;
        }
        Value* value = expr(*a.value);
        Value* address = lvalue(target);
        if (address) b_.CreateStore(value, address);
        if (!find_local(target.name))
            if (const Variable* v = info_.find(target.name); v && v->storage == Storage::global) fs_->writes_shared = true;
    }

    // x' = e inside a DERIVATIVE body evaluated for an implicit solver: f[k] = e.
    void derivative_assign(const AssignStmt& a) {
        if (!fs_->system) {
            unsupported(a.loc, "a derivative outside a solved DERIVATIVE block");
            return;
        }
        int element = constant_index(a.target->index.get());
        for (std::size_t k = 0; k < fs_->system->states.size(); ++k) {
            const StateRef& r = fs_->system->states[k];
            if (r.name == a.target->name && r.element == element) {
                Value* value = expr(*a.value);
                b_.CreateStore(value, b_.CreateConstInBoundsGEP1_64(f64_, fs_->derivatives, k));
                return;
            }
        }
        unsupported(a.loc, "a derivative of an array state with a computed index");
    }

    int constant_index(const Expr* index) {
        if (!index) return 0;
        if (auto* n = dyn<NumberExpr>(index)) return static_cast<int>(n->value);
        return -1;
    }

    Value* condition(const Expr& e) { return b_.CreateFCmpUNE(expr(e), c(0.0)); }

    void if_stmt(const IfStmt& s) {
        Value* cond = condition(*s.condition);
        ++fs_->control_depth;
        BasicBlock* then_bb = BasicBlock::Create(ctx_, "then", fs_->fn);
        BasicBlock* else_bb = s.else_branch ? BasicBlock::Create(ctx_, "else", fs_->fn) : nullptr;
        BasicBlock* done = BasicBlock::Create(ctx_, "endif", fs_->fn);
        b_.CreateCondBr(cond, then_bb, else_bb ? else_bb : done);
        b_.SetInsertPoint(then_bb);
        block(*s.then_block);
        if (!b_.GetInsertBlock()->getTerminator()) b_.CreateBr(done);
        if (else_bb) {
            b_.SetInsertPoint(else_bb);
            stmt(*s.else_branch);
            if (!b_.GetInsertBlock()->getTerminator()) b_.CreateBr(done);
        }
        b_.SetInsertPoint(done);
        --fs_->control_depth;
    }

    void while_stmt(const WhileStmt& s) {
        BasicBlock* test = BasicBlock::Create(ctx_, "while", fs_->fn);
        BasicBlock* body = BasicBlock::Create(ctx_, "while.body", fs_->fn);
        BasicBlock* done = BasicBlock::Create(ctx_, "while.end", fs_->fn);
        b_.CreateBr(test);
        b_.SetInsertPoint(test);
        b_.CreateCondBr(condition(*s.condition), body, done);
        b_.SetInsertPoint(body);
        ++fs_->control_depth;
        block(*s.body);
        --fs_->control_depth;
        if (!b_.GetInsertBlock()->getTerminator()) b_.CreateBr(test);
        b_.SetInsertPoint(done);
    }

    // FROM i = a TO b BY c: an integer loop (nocmodl casts the bounds to int), inclusive.
    void from_stmt(const FromStmt& s) {
        Value* first = b_.CreateFPToSI(expr(*s.from), i64_);
        Value* last = b_.CreateFPToSI(expr(*s.to), i64_);
        Value* step = s.by ? b_.CreateFPToSI(expr(*s.by), i64_) : llvm::ConstantInt::get(i64_, 1);
        if (fs_->residual && unrolled_from(s, first, last, step)) return;
        ++fs_->control_depth;
        fs_->scopes.emplace_back();
        Value* counter = entry_alloca(i64_, s.var.name + ".i");
        Value* slot = declare_local(s.var.name);
        b_.CreateStore(first, counter);
        BasicBlock* test = BasicBlock::Create(ctx_, "from", fs_->fn);
        BasicBlock* body = BasicBlock::Create(ctx_, "from.body", fs_->fn);
        BasicBlock* done = BasicBlock::Create(ctx_, "from.end", fs_->fn);
        b_.CreateBr(test);
        b_.SetInsertPoint(test);
        Value* i = b_.CreateLoad(i64_, counter);
        b_.CreateCondBr(b_.CreateICmpSLE(i, last), body, done);
        b_.SetInsertPoint(body);
        b_.CreateStore(b_.CreateSIToFP(i, f64_), slot);
        block(*s.body);
        if (!b_.GetInsertBlock()->getTerminator()) {
            b_.CreateStore(b_.CreateAdd(b_.CreateLoad(i64_, counter), step), counter);
            b_.CreateBr(test);
        }
        b_.SetInsertPoint(done);
        fs_->scopes.pop_back();
        --fs_->control_depth;
    }

    // In a KINETIC block, a FROM loop over reactions with bounds known at compile time (DEFINE
    // constants, as cabpump.mod's `FROM i=0 TO NANN-2`) is unrolled, the index a constant in each
    // copy, so that the rows and columns of its Jacobian elements are known at compile time. The
    // copies run in the loop's order, so the arithmetic is the loop's.
    bool unrolled_from(const FromStmt& s, Value* first, Value* last, Value* step) {
        auto* lo = llvm::dyn_cast<llvm::ConstantInt>(first);
        auto* hi = llvm::dyn_cast<llvm::ConstantInt>(last);
        auto* by = llvm::dyn_cast<llvm::ConstantInt>(step);
        if (!lo || !hi || !by || by->getSExtValue() <= 0) return false;
        if (!has_kinetic_statement(*s.body) || assigns(*s.body, s.var.name)) return false;
        constexpr std::int64_t max_copies = 1000;
        std::int64_t from = lo->getSExtValue(), to = hi->getSExtValue(), increment = by->getSExtValue();
        if (to >= from && (to - from) / increment >= max_copies) return false;
        for (std::int64_t i = from; i <= to; i += increment) {
            fs_->scopes.emplace_back();
            Value* slot = declare_local(s.var.name);
            b_.CreateStore(c(static_cast<double>(i)), slot);
            fs_->scopes.back()[s.var.name].constant = c(static_cast<double>(i));
            block(*s.body);
            fs_->scopes.pop_back();
        }
        return true;
    }

    // Reactions, CONSERVE or COMPARTMENT statements anywhere in the statement.
    static bool has_kinetic_statement(const Stmt& st) {
        switch (st.kind) {
            case StmtKind::reaction:
            case StmtKind::conserve:
            case StmtKind::compartment: return true;
            case StmtKind::block:
                for (const StmtPtr& inner : as<Block>(st).statements)
                    if (has_kinetic_statement(*inner)) return true;
                return false;
            case StmtKind::if_: {
                auto& s = as<IfStmt>(st);
                return has_kinetic_statement(*s.then_block) || (s.else_branch && has_kinetic_statement(*s.else_branch));
            }
            case StmtKind::while_: return has_kinetic_statement(*as<WhileStmt>(st).body);
            case StmtKind::from: return has_kinetic_statement(*as<FromStmt>(st).body);
            default: return false;
        }
    }

    // Whether the statement assigns `name` (a FROM index the body changes cannot be unrolled).
    static bool assigns(const Stmt& st, const std::string& name) {
        switch (st.kind) {
            case StmtKind::assign: return as<AssignStmt>(st).target->name == name;
            case StmtKind::block:
                for (const StmtPtr& inner : as<Block>(st).statements)
                    if (assigns(*inner, name)) return true;
                return false;
            case StmtKind::if_: {
                auto& s = as<IfStmt>(st);
                return assigns(*s.then_block, name) || (s.else_branch && assigns(*s.else_branch, name));
            }
            case StmtKind::while_: return assigns(*as<WhileStmt>(st).body, name);
            case StmtKind::from: {
                auto& s = as<FromStmt>(st);
                return s.var.name == name || assigns(*s.body, name);
            }
            default: return false;
        }
    }

    void watch(const WatchStmt& w) {
        for (const WatchClause& clause : w.clauses) {
            int id = watch_id(clause);
            b_.CreateCall(watch_, {fs_->env.runtime, fs_->env.mechanism_id, fs_->env.instance,
                                   llvm::ConstantInt::get(i32_, static_cast<std::uint64_t>(id)), c(clause.flag)});
        }
    }

    int watch_id(const WatchClause& clause) {
        for (std::size_t i = 0; i < watch_clauses_.size(); ++i)
            if (watch_clauses_[i] == &clause) return static_cast<int>(i);
        watch_clauses_.push_back(&clause);
        return static_cast<int>(watch_clauses_.size() - 1);
    }

    // FOR_NETCONS(args) { }: the body once per NetCon targeting this instance, the arguments
    // naming that NetCon's weight vector.
    void for_netcons(const ForNetconsStmt& s) {
        Value* count = b_.CreateCall(netcon_count_, {fs_->env.runtime, fs_->env.mechanism_id, fs_->env.instance});
        Value* counter = entry_alloca(i64_, "netcon");
        b_.CreateStore(llvm::ConstantInt::get(i64_, 0), counter);
        BasicBlock* test = BasicBlock::Create(ctx_, "netcons", fs_->fn);
        BasicBlock* body = BasicBlock::Create(ctx_, "netcons.body", fs_->fn);
        BasicBlock* done = BasicBlock::Create(ctx_, "netcons.end", fs_->fn);
        b_.CreateBr(test);
        b_.SetInsertPoint(test);
        Value* k = b_.CreateLoad(i64_, counter);
        b_.CreateCondBr(b_.CreateICmpSLT(k, count), body, done);
        b_.SetInsertPoint(body);
        ++fs_->control_depth;
        Value* weights = b_.CreateCall(netcon_weights_, {fs_->env.runtime, fs_->env.mechanism_id, fs_->env.instance, k});
        fs_->scopes.emplace_back();
        for (std::size_t a = 0; a < s.args.size(); ++a)
            fs_->scopes.back()[s.args[a].ident.name] = Local{b_.CreateConstInBoundsGEP1_64(f64_, weights, a), 0};
        block(*s.body);
        fs_->scopes.pop_back();
        --fs_->control_depth;
        if (!b_.GetInsertBlock()->getTerminator()) {
            b_.CreateStore(b_.CreateAdd(b_.CreateLoad(i64_, counter), llvm::ConstantInt::get(i64_, 1)), counter);
            b_.CreateBr(test);
        }
        b_.SetInsertPoint(done);
    }

    // -----------------------------------------------------------------------------------------
    // Variables
    // -----------------------------------------------------------------------------------------

    const Local* find_local(const std::string& name) const {
        for (auto it = fs_->scopes.rbegin(); it != fs_->scopes.rend(); ++it) {
            auto found = it->find(name);
            if (found != it->end()) return &found->second;
        }
        return nullptr;
    }

    Value* instance_node() {
        const Env& e = fs_->env;
        if (e.node_base) return b_.CreateAdd(e.node_base, e.instance);
        return b_.CreateSExt(b_.CreateLoad(i32_, b_.CreateInBoundsGEP(i32_, e.node_index, e.instance)), i64_);
    }

    Value* index_value(const NameExpr& n) {
        if (!n.index) return llvm::ConstantInt::get(i64_, 0);
        return b_.CreateFPToSI(expr(*n.index), i64_);
    }

    // The address of a per-instance field element: base + element * stride + instance.
    Value* field_address(int field, Value* element) {
        Value* offset = fs_->env.instance;
        if (element) offset = b_.CreateAdd(b_.CreateMul(element, fs_->env.stride), offset);
        return b_.CreateInBoundsGEP(f64_, fs_->env.fields[static_cast<std::size_t>(field)], offset);
    }

    // The address a name refers to, for reading or writing; nullptr for values without storage
    // (constants), in which case rvalue() handles it.
    Value* lvalue(const NameExpr& n) {
        if (const Local* local = find_local(n.name)) {
            if (!local->array_size) return local->address;
            Type* type = llvm::ArrayType::get(f64_, static_cast<std::uint64_t>(local->array_size));
            return b_.CreateInBoundsGEP(type, local->address, {llvm::ConstantInt::get(i64_, 0), index_value(n)});
        }
        if (const Variable* v = info_.find(n.name)) {
            switch (v->storage) {
                case Storage::range: {
                    int field = layout_.field(v->name, 0);
                    return field_address(field, v->array_size ? index_value(n) : nullptr);
                }
                case Storage::global: {
                    Value* index = llvm::ConstantInt::get(i64_, static_cast<std::uint64_t>(layout_.global(v->name, 0)));
                    if (v->array_size) index = b_.CreateAdd(index, index_value(n));
                    return b_.CreateInBoundsGEP(f64_, fs_->env.globals, index);
                }
                case Storage::builtin: return builtin_address(n);
                case Storage::constant:
                    unsupported(n.loc, "assigning to constant '" + n.name + "'");
                    return nullptr;
                case Storage::pointer: unsupported(n.loc, "POINTER variable '" + n.name + "'"); return nullptr;
            }
        }
        if (is_builtin_name(n.name)) return builtin_address(n);
        unsupported(n.loc, "'" + n.name + "' (undeclared)");
        return nullptr;
    }

    static bool is_builtin_name(const std::string& name) {
        return name == "v" || name == "t" || name == "dt" || name == "celsius" || name == "area" || name == "diam" ||
               name == secondorder_name;
    }

    // NEURON's secondorder (0, 1 or 2) as a double.
    Value* secondorder() {
        Value* so = b_.CreateLoad(i32_, b_.CreateStructGEP(data_ty_, fs_->env.data, d_secondorder));
        return b_.CreateSIToFP(so, f64_);
    }

    Value* builtin_address(const NameExpr& n) {
        if (n.name == "v") return fs_->env.v_slot;
        unsupported(n.loc, "assigning to '" + n.name + "'");
        return nullptr;
    }

    Value* rvalue(const NameExpr& n) {
        if (n.primes > 0) {
            unsupported(n.loc, "reading a derivative " + n.name + "'");
            return c(0.0);
        }
        if (const Local* local = find_local(n.name)) {
            if (local->constant) return local->constant;
            return b_.CreateLoad(f64_, lvalue(n));
        }
        const Variable* v = info_.find(n.name);
        if (v && v->storage == Storage::constant) {
            if (!v->value) {
                unsupported(n.loc, "the value of '" + n.name + "' (" + v->unit + ")");
                return c(0.0);
            }
            return c(*v->value);
        }
        if ((v && v->storage == Storage::builtin) || (!v && is_builtin_name(n.name))) return builtin(n);
        if (!v && fs_->kind == ProcKind::kinetic && (n.name == "f_flux" || n.name == "b_flux")) {
            unsupported(n.loc, n.name);
            return c(0.0);
        }
        Value* address = lvalue(n);
        return address ? b_.CreateLoad(f64_, address) : c(0.0);
    }

    Value* builtin(const NameExpr& n) {
        if (n.name == "v") return b_.CreateLoad(f64_, fs_->env.v_slot);
        if (n.name == "t") return fs_->env.t;
        if (n.name == "dt") return fs_->env.dt;
        if (n.name == secondorder_name) return secondorder();
        if (n.name == "celsius") return fs_->env.celsius;
        Value* node = instance_node();
        if (n.name == "area") return b_.CreateLoad(f64_, b_.CreateInBoundsGEP(f64_, fs_->env.node_area, node));
        return b_.CreateLoad(f64_, b_.CreateInBoundsGEP(f64_, fs_->env.node_diam, node));
    }

    // -----------------------------------------------------------------------------------------
    // Expressions
    // -----------------------------------------------------------------------------------------

    Value* c(double v) { return llvm::ConstantFP::get(f64_, v); }

    Value* boolean(Value* i1) { return b_.CreateUIToFP(i1, f64_); }

    Value* expr(const Expr& e) {
        switch (e.kind) {
            case ExprKind::number: return c(as<NumberExpr>(e).value);
            case ExprKind::name: return rvalue(as<NameExpr>(e));
            case ExprKind::string:
                unsupported(e.loc, "a string outside printf");
                return c(0.0);
            case ExprKind::unary: {
                auto& u = as<UnaryExpr>(e);
                Value* x = expr(*u.operand);
                if (u.op == UnaryOp::negate) return b_.CreateFNeg(x);
                return boolean(b_.CreateFCmpOEQ(x, c(0.0)));
            }
            case ExprKind::binary: return binary(as<BinaryExpr>(e));
            case ExprKind::call: return call(as<CallExpr>(e));
        }
        return c(0.0);
    }

    Value* binary(const BinaryExpr& e) {
        if (e.op == BinaryOp::logical_and || e.op == BinaryOp::logical_or) return logical(e);
        Value* a = expr(*e.lhs);
        Value* b = expr(*e.rhs);
        switch (e.op) {
            case BinaryOp::add: return b_.CreateFAdd(a, b);
            case BinaryOp::sub: return b_.CreateFSub(a, b);
            case BinaryOp::mul: return b_.CreateFMul(a, b);
            case BinaryOp::div: return b_.CreateFDiv(a, b);
            case BinaryOp::pow: return math2("pow", a, b);
            case BinaryOp::less: return boolean(b_.CreateFCmpOLT(a, b));
            case BinaryOp::greater: return boolean(b_.CreateFCmpOGT(a, b));
            case BinaryOp::less_equal: return boolean(b_.CreateFCmpOLE(a, b));
            case BinaryOp::greater_equal: return boolean(b_.CreateFCmpOGE(a, b));
            case BinaryOp::equal: return boolean(b_.CreateFCmpOEQ(a, b));
            case BinaryOp::not_equal: return boolean(b_.CreateFCmpUNE(a, b));
            default: return c(0.0);
        }
    }

    // && and || evaluate their right side only when needed, as in C.
    Value* logical(const BinaryExpr& e) {
        bool is_and = e.op == BinaryOp::logical_and;
        Value* lhs = condition(*e.lhs);
        BasicBlock* from = b_.GetInsertBlock();
        BasicBlock* rhs_bb = BasicBlock::Create(ctx_, is_and ? "and.rhs" : "or.rhs", fs_->fn);
        BasicBlock* done = BasicBlock::Create(ctx_, is_and ? "and.end" : "or.end", fs_->fn);
        if (is_and) b_.CreateCondBr(lhs, rhs_bb, done);
        else b_.CreateCondBr(lhs, done, rhs_bb);
        b_.SetInsertPoint(rhs_bb);
        Value* rhs = condition(*e.rhs);
        BasicBlock* rhs_end = b_.GetInsertBlock();
        b_.CreateBr(done);
        b_.SetInsertPoint(done);
        llvm::PHINode* phi = b_.CreatePHI(i1_, 2);
        phi->addIncoming(llvm::ConstantInt::get(i1_, is_and ? 0 : 1), from);
        phi->addIncoming(rhs, rhs_end);
        return boolean(phi);
    }

    Value* math1(const std::string& name, Value* x) {
        if (name == "exp") {
            if (options_.exact_math) return b_.CreateCall(hoc_exp_, {x});
            return b_.CreateCall(module_->getFunction("cornu.exp"), {x});
        }
        if (name == "fabs") return b_.CreateCall(intrinsic(llvm::Intrinsic::fabs), {x});
        if (name == "sqrt") return b_.CreateCall(intrinsic(llvm::Intrinsic::sqrt), {x});
        if (name == "floor") return b_.CreateCall(intrinsic(llvm::Intrinsic::floor), {x});
        if (name == "ceil") return b_.CreateCall(intrinsic(llvm::Intrinsic::ceil), {x});
        // log, log10, sin, ... : the C library's, exactly as NEURON's C calls them. In fast mode
        // the intrinsic lets the vectoriser use glibc's vector variants where they exist.
        if (!options_.exact_math) {
            if (name == "log") return b_.CreateCall(intrinsic(llvm::Intrinsic::log), {x});
            if (name == "log10") return b_.CreateCall(intrinsic(llvm::Intrinsic::log10), {x});
            if (name == "sin") return b_.CreateCall(intrinsic(llvm::Intrinsic::sin), {x});
            if (name == "cos") return b_.CreateCall(intrinsic(llvm::Intrinsic::cos), {x});
        }
        return b_.CreateCall(libm(name, 1), {x});
    }

    Value* math2(const std::string& name, Value* x, Value* y) {
        if (name == "pow" && !options_.exact_math) return b_.CreateCall(intrinsic(llvm::Intrinsic::pow), {x, y});
        return b_.CreateCall(libm(name, 2), {x, y});
    }

    Function* intrinsic(llvm::Intrinsic::ID id) { return llvm::Intrinsic::getDeclaration(module_.get(), id, {f64_}); }

    // A C library function, declared as not touching memory (so the optimiser may hoist it).
    Function* libm(const std::string& name, int arity) {
        if (Function* f = module_->getFunction(name)) return f;
        std::vector<Type*> params(static_cast<std::size_t>(arity), f64_);
        Function* f = declare_external(name, f64_, params);
        f->setDoesNotAccessMemory();
        f->addFnAttr(llvm::Attribute::NoUnwind);
        f->addFnAttr(llvm::Attribute::WillReturn);
        return f;
    }

    Value* call(const CallExpr& call) {
        if (auto it = callables_.find(call.callee); it != callables_.end()) {
            std::vector<Value*> args;
            flatten(fs_->env, args);
            for (const ExprPtr& a : call.args) args.push_back(expr(*a));
            if (shared_writers_.count(call.callee)) fs_->writes_shared = true;
            return b_.CreateCall(it->second, args);
        }
        const std::string& f = call.callee;
        auto arg = [&](std::size_t i) { return expr(*call.args[i]); };
        const Env& e = fs_->env;
        if (f == "exp" || f == "log" || f == "log10" || f == "sqrt" || f == "fabs" || f == "sin" || f == "cos" ||
            f == "tan" || f == "asin" || f == "acos" || f == "atan" || f == "sinh" || f == "cosh" || f == "tanh" ||
            f == "floor" || f == "ceil" || f == "erf" || f == "erfc")
            return math1(f, arg(0));
        if (f == "pow" || f == "atan2" || f == "fmod") return math2(f, arg(0), arg(1));
        if (f == "net_send") return net_send(call);
        if (f == "net_event") {
            b_.CreateCall(net_event_, {e.runtime, e.mechanism_id, e.instance, arg(0)});
            return c(0.0);
        }
        if (f == "net_move") {
            b_.CreateCall(net_move_, {e.runtime, e.mechanism_id, e.instance, arg(0)});
            return c(0.0);
        }
        if (f == "state_discontinuity") {
            // state_discontinuity(x, value): x = value (NEURON's fixed step does exactly this).
            auto* target = dyn<NameExpr>(call.args[0].get());
            if (!target) {
                unsupported(call.loc, "state_discontinuity of an expression");
                return c(0.0);
            }
            Value* value = arg(1);
            if (Value* address = lvalue(*target)) b_.CreateStore(value, address);
            return c(0.0);
        }
        if (f == "unirand" || f == "scop_random") return random(f == "unirand" ? 0 : 3, c(0), c(0));
        if (f == "normrand") return random(1, arg(0), arg(1));
        if (f == "exprand") return random(2, arg(0), c(0));
        if (f == "set_seed") {
            b_.CreateCall(set_seed_, {e.runtime, e.mechanism_id, e.instance, arg(0)});
            return c(0.0);
        }
        if (f == "play_time") return b_.CreateCall(play_time_, {e.runtime, e.mechanism_id, e.instance, arg(0)});
        if (f == "printf") return c(0.0);
        if (f == "at_time") {
            // at_time matters only to variable-step integration; with the fixed step it is 0.
            arg(0);
            return c(0.0);
        }
        unsupported(call.loc, "the function '" + f + "'");
        return c(0.0);
    }

    Value* random(int kind, Value* a, Value* b) {
        const Env& e = fs_->env;
        return b_.CreateCall(random_, {e.runtime, e.mechanism_id, e.instance,
                                       llvm::ConstantInt::get(i32_, static_cast<std::uint64_t>(kind)), a, b});
    }

    // net_send(delay, flag): a self-event at t + delay. Inside NET_RECEIVE it carries the
    // event's weight vector along; from INITIAL it has none.
    // nocmodl pastes the delay's text after "t + ", so C reads `net_send(a - b, f)` as
    // (t + a) - b: the time is built from that text, not as t + (a - b).
    Value* net_send(const CallExpr& call) {
        const Env& e = fs_->env;
        Value* time = nullptr;
        if (ExprPtr pasted = parse_c_expression("t + " + c_text(*call.args[0]), call.loc)) time = expr(*pasted);
        else time = b_.CreateFAdd(e.t, expr(*call.args[0]));
        Value* flag = expr(*call.args[1]);
        Value* weights = e.weights ? e.weights : llvm::ConstantPointerNull::get(ptr_);
        b_.CreateCall(net_send_, {e.runtime, e.mechanism_id, e.instance, weights, time, flag});
        return c(0.0);
    }

    // -----------------------------------------------------------------------------------------
    // TABLE (NEURON_SEMANTICS §F): built by the table kernel, looked up by the wrapper.
    // -----------------------------------------------------------------------------------------

    int table_index(const std::string& function) const {
        for (std::size_t i = 0; i < layout_.tables.size(); ++i)
            if (layout_.tables[i].function == function) return static_cast<int>(i);
        return -1;
    }

    // Storage: [0] built flag, [1..depends] saved DEPEND values, then lo and mfac, then the
    // outputs, each (with + 1) values.
    static constexpr int table_header = 3;

    void define_table_lookup(const Callable& c_) {
        const TableInfo& t = layout_.tables[static_cast<std::size_t>(table_index(c_.name))];
        FunctionState state;
        state.kind = c_.item->proc;
        begin_function(state, callables_[c_.name]);
        Function* f = state.fn;
        state.env = env_from_args(f);
        Value* x = f->getArg(static_cast<unsigned>(env_size()));
        Value* storage = state.env.tables[static_cast<std::size_t>(table_index(c_.name))];
        Value* use = state.env.use_table;
        BasicBlock* direct = BasicBlock::Create(ctx_, "direct", f);
        BasicBlock* lookup = BasicBlock::Create(ctx_, "lookup", f);
        b_.CreateCondBr(b_.CreateFCmpUNE(use, c(0.0)), lookup, direct);

        b_.SetInsertPoint(direct);
        std::vector<Value*> args;
        flatten(state.env, args);
        args.push_back(x);
        Value* raw = b_.CreateCall(raw_callables_[c_.name], args);
        b_.CreateRet(raw);

        b_.SetInsertPoint(lookup);
        auto at = [&](Value* index) { return b_.CreateInBoundsGEP(f64_, storage, index); };
        auto load_at = [&](std::uint64_t i) { return b_.CreateLoad(f64_, b_.CreateConstInBoundsGEP1_64(f64_, storage, i)); };
        std::uint64_t base = static_cast<std::uint64_t>(t.depends + table_header);
        Value* lo = load_at(base - 2);
        Value* mfac = load_at(base - 1);
        Value* xi = b_.CreateFMul(mfac, b_.CreateFSub(x, lo));
        std::uint64_t n = static_cast<std::uint64_t>(t.with);
        // ξ NaN: outputs NaN; ξ <= 0: first entry; ξ >= n: last entry; else linear interpolation.
        Value* nan = b_.CreateFCmpUNO(xi, xi);
        Value* low = b_.CreateFCmpOLE(xi, c(0.0));
        Value* high = b_.CreateFCmpOGE(xi, c(static_cast<double>(t.with)));
        Value* safe_xi = b_.CreateSelect(b_.CreateOr(nan, b_.CreateOr(low, high)), c(0.0), xi);
        Value* i = b_.CreateFPToSI(safe_xi, i64_);
        Value* theta = b_.CreateFSub(safe_xi, b_.CreateSIToFP(i, f64_));
        std::vector<Value*> outputs;
        for (int k = 0; k < t.outputs; ++k) {
            std::uint64_t off = base + static_cast<std::uint64_t>(k) * (n + 1);
            Value* first = load_at(off);
            Value* last = load_at(off + n);
            Value* at_i = b_.CreateAdd(i, llvm::ConstantInt::get(i64_, off));
            Value* yi = b_.CreateLoad(f64_, at(at_i));
            Value* yi1 = b_.CreateLoad(f64_, at(b_.CreateAdd(at_i, llvm::ConstantInt::get(i64_, 1))));
            Value* y = b_.CreateFAdd(yi, b_.CreateFMul(theta, b_.CreateFSub(yi1, yi)));
            y = b_.CreateSelect(high, last, y);
            y = b_.CreateSelect(low, first, y);
            y = b_.CreateSelect(nan, xi, y);
            outputs.push_back(y);
        }
        if (c_.kind == CallableKind::function) {
            b_.CreateRet(outputs[0]);
        } else {
            for (int k = 0; k < t.outputs; ++k) {
                NameExpr target(c_.table->tabled[static_cast<std::size_t>(k)].name, c_.table->loc);
                if (Value* address = lvalue(target)) b_.CreateStore(outputs[static_cast<std::size_t>(k)], address);
            }
            b_.CreateRet(c(0.0));
        }
        fs_ = nullptr;
    }

    // The table kernel: for each table, if never built or a DEPEND value changed, evaluate the
    // function at lo, lo + dx, ... (x advanced by repeated addition, as nocmodl) for instance 0.
    void build_tables(FunctionState& state) {
        for (const Callable& callable : info_.callables) {
            if (!callable.table) continue;
            int index = table_index(callable.name);
            const TableInfo& t = layout_.tables[static_cast<std::size_t>(index)];
            const TableStmt& stmt = *callable.table;
            Value* storage = state.env.tables[static_cast<std::size_t>(index)];
            auto slot = [&](std::uint64_t i) { return b_.CreateConstInBoundsGEP1_64(f64_, storage, i); };
            Value* stale = b_.CreateFCmpOEQ(b_.CreateLoad(f64_, slot(0)), c(0.0));
            std::vector<Value*> depends;
            for (std::size_t d = 0; d < stmt.depends.size(); ++d) {
                NameExpr name(stmt.depends[d].name, stmt.loc);
                Value* value = rvalue(name);
                depends.push_back(value);
                stale = b_.CreateOr(stale, b_.CreateFCmpUNE(b_.CreateLoad(f64_, slot(d + 1)), value));
            }
            BasicBlock* build = BasicBlock::Create(ctx_, "build." + callable.name, state.fn);
            BasicBlock* next = BasicBlock::Create(ctx_, "built." + callable.name, state.fn);
            b_.CreateCondBr(stale, build, next);
            b_.SetInsertPoint(build);
            Value* lo = expr(*stmt.from);
            Value* hi = expr(*stmt.to);
            Value* dx = b_.CreateFDiv(b_.CreateFSub(hi, lo), c(static_cast<double>(t.with)));
            std::uint64_t base = static_cast<std::uint64_t>(t.depends + table_header);
            b_.CreateStore(lo, slot(base - 2));
            b_.CreateStore(b_.CreateFDiv(c(1.0), dx), slot(base - 1));
            Value* x_slot = entry_alloca(f64_, "table.x");
            Value* i_slot = entry_alloca(i64_, "table.i");
            b_.CreateStore(lo, x_slot);
            b_.CreateStore(llvm::ConstantInt::get(i64_, 0), i_slot);
            BasicBlock* test = BasicBlock::Create(ctx_, "table.test", state.fn);
            BasicBlock* body = BasicBlock::Create(ctx_, "table.body", state.fn);
            BasicBlock* done = BasicBlock::Create(ctx_, "table.done", state.fn);
            b_.CreateBr(test);
            b_.SetInsertPoint(test);
            Value* i = b_.CreateLoad(i64_, i_slot);
            b_.CreateCondBr(b_.CreateICmpSLE(i, llvm::ConstantInt::get(i64_, static_cast<std::uint64_t>(t.with))), body, done);
            b_.SetInsertPoint(body);
            std::vector<Value*> args;
            flatten(state.env, args);
            Value* x = b_.CreateLoad(f64_, x_slot);
            args.push_back(x);
            Value* result = b_.CreateCall(raw_callables_[callable.name], args);
            std::uint64_t n1 = static_cast<std::uint64_t>(t.with + 1);
            for (int k = 0; k < t.outputs; ++k) {
                Value* value = result;
                if (callable.kind == CallableKind::procedure) {
                    NameExpr name(stmt.tabled[static_cast<std::size_t>(k)].name, stmt.loc);
                    value = rvalue(name);
                }
                Value* at = b_.CreateAdd(i, llvm::ConstantInt::get(i64_, base + static_cast<std::uint64_t>(k) * n1));
                b_.CreateStore(value, b_.CreateInBoundsGEP(f64_, storage, at));
            }
            b_.CreateStore(b_.CreateFAdd(x, dx), x_slot);
            b_.CreateStore(b_.CreateAdd(i, llvm::ConstantInt::get(i64_, 1)), i_slot);
            b_.CreateBr(test);
            b_.SetInsertPoint(done);
            for (std::size_t d = 0; d < depends.size(); ++d) b_.CreateStore(depends[d], slot(d + 1));
            b_.CreateStore(c(1.0), slot(0));
            b_.CreateBr(next);
            b_.SetInsertPoint(next);
        }
    }

    // -----------------------------------------------------------------------------------------
    // Implicit systems
    // -----------------------------------------------------------------------------------------

    struct SystemFunctions {
        // derivimplicit: the block as an always-inline function taking the environment and (ptr s,
        // ptr f); for cornu_derivimplicit (large systems), made on first use, the block as a
        // cornu_derivative_fn.
        Function* derivative = nullptr;
        Function* derivative_callback = nullptr;
        // The block writes a GLOBAL: the instance loop that solves it is not parallel.
        bool writes_shared = false;
        // sparse: the block building the backward-Euler system, an always-inline function taking
        // the environment and (ptr s, ptr s_old, double dt, ptr r, ptr j, ptr used); its equations;
        // whether nocmodl calls it linear.
        Function* system = nullptr;
        KineticEquations equations;
        bool linear = true;
        // The elimination order and fill-in, when the structure is known at compile time; the
        // state kernel then solves inline.
        std::shared_ptr<const kernel_support::MinimumDegree> ordering;
        // For cornu_kinetic_solve (STEADYSTATE, and blocks whose structure is known only at run
        // time), made on first use: the system as a cornu_kinetic_fn, and the solver's plan.
        Function* kinetic = nullptr;
        llvm::GlobalVariable* plan = nullptr;
    };
    std::map<const ImplicitSystem*, SystemFunctions> system_functions_;
    llvm::StructType* env_struct_ = nullptr;

    llvm::StructType* env_struct() {
        if (!env_struct_) env_struct_ = llvm::StructType::create(ctx_, env_types(), "cornu.env");
        return env_struct_;
    }

    void define_system(const ImplicitSystem& system) {
        if (system.method == ImplicitSystem::Method::sparse) {
            define_kinetic_system(system);
            return;
        }
        // The DERIVATIVE body as an always-inline function of the environment and (const double*
        // s, double* f): sets the states from s, runs the body and stores each derivative in f.
        Function* f = internal_function("cornu." + info_.name + "." + system.block->name.name + ".derivative", void_,
                                        {ptr_, ptr_});
        FunctionState state;
        state.kind = ProcKind::derivative;
        state.system = &system;
        begin_function(state, f);
        state.env = env_from_args(f);
        unsigned first = static_cast<unsigned>(env_size());
        state.derivatives = f->getArg(first + 1);
        store_states(system.states, f->getArg(first));
        block(*system.block->body);
        b_.CreateRetVoid();
        fs_ = nullptr;
        SystemFunctions& functions = system_functions_[&system];
        functions.derivative = f;
        functions.writes_shared = state.writes_shared;
    }

    // void F(env*, const double* s, double* f) (cornu_derivative_fn) for cornu_derivimplicit:
    // loads the environment from memory and runs the block.
    void define_derivative_callback(const ImplicitSystem& system, SystemFunctions& functions) {
        if (functions.derivative_callback) return;
        llvm::IRBuilderBase::InsertPointGuard keep_position(b_);
        FunctionState* outer = fs_;
        auto type = llvm::FunctionType::get(void_, {ptr_, ptr_, ptr_}, false);
        Function* f = Function::Create(type, Function::InternalLinkage,
                                       "cornu." + info_.name + "." + system.block->name.name + ".callback", *module_);
        f->addFnAttr(llvm::Attribute::NoUnwind);
        FunctionState state;
        begin_function(state, f);
        Value* env_ptr = f->getArg(0);
        std::vector<Value*> args;
        for (unsigned k = 0; k < env_struct()->getNumElements(); ++k)
            args.push_back(b_.CreateLoad(env_struct()->getElementType(k), b_.CreateStructGEP(env_struct(), env_ptr, k)));
        for (unsigned k = 1; k < 3; ++k) args.push_back(f->getArg(k));
        b_.CreateCall(functions.derivative, args);
        b_.CreateRetVoid();
        fs_ = outer;
        functions.derivative_callback = f;
    }


    // ---- KINETIC (NEURON_SEMANTICS §E4; nocmodl's kinetic.cpp is the reference for the form) ----
    // The function is nocmodl's term for term: its equation numbers, its products in its order,
    // the same sequence of updates of each element. cornu_kinetic_solve replays scopmath on it,
    // so every rounding is NEURON's.

    // nocmodl's numbering (massagekinetic): first, for each CONSERVE from the last one up, the
    // last state its sum names that is a scalar and not numbered yet takes the next row, which
    // becomes the conservation law; then the other states in the order of nocmodl's symbol table
    // (SYMITER): by first character, and among names sharing it, the one the lexer met last
    // first (install() puts a new name at the head of its list). An array takes consecutive rows.
    KineticEquations number_equations(const ImplicitSystem& system) {
        KineticEquations equations;
        number_conservation_laws(system, equations);
        number_other_states(system, equations);
        return equations;
    }

    void number_conservation_laws(const ImplicitSystem& system, KineticEquations& equations) {
        std::vector<const ConserveStmt*> laws;
        collect_conserves(*system.block->body, laws);
        auto available = [&](const ReactionTerm& t) {
            const Variable* v = info_.find(t.species->name);
            return v && !v->array_size && has_state(system.states, v->name) && !has_state(equations.rows, v->name);
        };
        for (auto law = laws.rbegin(); law != laws.rend(); ++law) {
            auto term = std::find_if((*law)->terms.rbegin(), (*law)->terms.rend(), available);
            if (term == (*law)->terms.rend()) {
                unsupported((*law)->loc, "a CONSERVE with no scalar state left to take its equation (nocmodl: "
                                         "\"Failed to diagonalize the Kinetic matrix\")");
                continue;
            }
            equations.conservation[*law] = static_cast<int>(equations.rows.size());
            equations.rows.push_back({term->species->name, 0, 0});
        }
        equations.conserved = static_cast<int>(equations.rows.size());
    }

    void number_other_states(const ImplicitSystem& system, KineticEquations& equations) {
        std::vector<const StateRef*> others;  // the first element of each
        for (const StateRef& r : system.states)
            if (r.element == 0 && !has_state(equations.rows, r.name)) others.push_back(&r);
        std::stable_sort(others.begin(), others.end(), [&](const StateRef* a, const StateRef* b) {
            auto first_a = static_cast<unsigned char>(a->name[0]), first_b = static_cast<unsigned char>(b->name[0]);
            if (first_a != first_b) return first_a < first_b;
            return before(first_mention(b->name), first_mention(a->name));
        });
        for (const StateRef* r : others)
            for (int e = 0; e < std::max(r->array_size, 1); ++e) equations.rows.push_back({r->name, e, r->array_size});
    }

    static bool has_state(const std::vector<StateRef>& states, const std::string& name) {
        return std::any_of(states.begin(), states.end(), [&](const StateRef& r) { return r.name == name; });
    }

    static void collect_conserves(const Block& blk, std::vector<const ConserveStmt*>& out) {
        for (const StmtPtr& st : blk.statements) {
            if (auto* law = dyn<ConserveStmt>(st.get())) out.push_back(law);
            else if (auto* inner = dyn<Block>(st.get())) collect_conserves(*inner, out);
            else if (auto* loop = dyn<FromStmt>(st.get())) collect_conserves(*loop->body, out);
        }
    }

    // Where nocmodl's lexer first meets a name: its declaration or an earlier USEION naming it.
    // (An earlier mention in a RANGE or GLOBAL list is not known here; it would change the order
    // only between states with the same first character.)
    SourceLocation first_mention(const std::string& name) const {
        SourceLocation first = info_.find(name)->loc;
        auto names = [&](const std::vector<std::string>& list) { return std::find(list.begin(), list.end(), name) != list.end(); };
        for (const IonUse& ion : info_.ions)
            if ((ion.name == name || names(ion.read) || names(ion.write)) && before(ion.loc, first)) first = ion.loc;
        return first;
    }

    static bool before(SourceLocation a, SourceLocation b) {
        return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
    }

    // The row of a species in the system, or nullptr if it is not one of the system's states
    // (a non-state species, e.g. cao, acts as a constant in its reactions).
    Value* state_row(const NameExpr& species) {
        const std::vector<StateRef>& rows = fs_->equations->rows;
        for (std::size_t k = 0; k < rows.size(); ++k) {
            if (rows[k].name != species.name) continue;
            Value* row = llvm::ConstantInt::get(i64_, k);
            if (rows[k].array_size) row = b_.CreateAdd(row, index_value(species));
            return row;
        }
        return nullptr;
    }

    // Conservation laws replace whole rows: reactions leave them alone.
    bool is_conserved_row(const NameExpr& species) {
        const KineticEquations& equations = *fs_->equations;
        for (int k = 0; k < equations.conserved; ++k)
            if (equations.rows[static_cast<std::size_t>(k)].name == species.name) return true;
        return false;
    }

    Value* r_at(Value* row) { return b_.CreateInBoundsGEP(f64_, fs_->residual, row); }

    // The address of Jacobian element (row, col), marked as part of the structure: scopmath
    // creates an element wherever the generated code asks for one, whatever its value.
    Value* j_at(Value* row, Value* col) {
        auto* constant_row = llvm::dyn_cast<llvm::ConstantInt>(row);
        auto* constant_col = llvm::dyn_cast<llvm::ConstantInt>(col);
        if (constant_row && constant_col && fs_->control_depth == 0)
            fs_->structure.insert({static_cast<int>(constant_row->getSExtValue()), static_cast<int>(constant_col->getSExtValue())});
        else
            fs_->static_structure = false;
        Value* n = llvm::ConstantInt::get(i64_, fs_->equations->rows.size());
        Value* index = b_.CreateAdd(b_.CreateMul(row, n), col);
        b_.CreateStore(b_.getInt8(1), b_.CreateInBoundsGEP(b_.getInt8Ty(), fs_->used, index));
        return b_.CreateInBoundsGEP(f64_, fs_->jacobian, index);
    }

    void add_to(Value* address, Value* value, bool subtract = false) {
        Value* old = b_.CreateLoad(f64_, address);
        b_.CreateStore(subtract ? b_.CreateFSub(old, value) : b_.CreateFAdd(old, value), address);
    }

    // nocmodl's flux `kf*B*A`: the rate expression times the species of its side, the last
    // written first (nocmodl's term lists are built by prepending), each coefficient times.
    Value* mass_action(Value* rate, const std::vector<ReactionTerm>& side) {
        Value* flux = rate;
        for (auto t = side.rbegin(); t != side.rend(); ++t)
            for (int k = 0; k < t->coefficient; ++k) flux = b_.CreateFMul(flux, rvalue(*t->species));
        return flux;
    }

    // nocmodl's `_term`, d(flux)/d(species i) with the rate taken as constant: the rate, times
    // i's coefficient if not 1, times the side's species (last written first) with i's power
    // lowered by one. A species factor makes nocmodl call the scheme nonlinear (genmatterms
    // clears linmat), be it a state or not.
    Value* partial(Value* rate, const std::vector<ReactionTerm>& side, std::size_t with_respect_to) {
        Value* term = rate;
        int coefficient = side[with_respect_to].coefficient;
        if (coefficient != 1) term = b_.CreateFMul(term, c(static_cast<double>(coefficient)));
        for (std::size_t k = side.size(); k-- > 0;) {
            int power = side[k].coefficient - (k == with_respect_to ? 1 : 0);
            for (int p = 0; p < power; ++p) {
                term = b_.CreateFMul(term, rvalue(*side[k].species));
                fs_->linear = false;
            }
        }
        return term;
    }

    void reaction(const ReactionStmt& r) {
        Value* f_flux_slot = lvalue(NameExpr("f_flux"));
        Value* b_flux_slot = lvalue(NameExpr("b_flux"));
        if (r.reaction == ReactionKind::flux_in) {
            // ~ A << (flux): f_flux = 0, b_flux = flux, which enters A's row; no Jacobian term.
            b_.CreateStore(c(0.0), f_flux_slot);
            b_.CreateStore(c(0.0), b_flux_slot);
            Value* flux = expr(*r.forward);
            b_.CreateStore(flux, b_flux_slot);
            const NameExpr& species = *r.reactants.at(0).species;
            if (Value* row = state_row(species); row && !is_conserved_row(species)) add_to(r_at(row), flux);
            return;
        }
        Value* kf = expr(*r.forward);
        Value* kb = r.reaction == ReactionKind::reversible ? expr(*r.backward) : c(0.0);
        Value* f = mass_action(kf, r.reactants);
        Value* bflux = r.reaction == ReactionKind::reversible ? mass_action(kb, r.products) : c(0.0);
        b_.CreateStore(f, f_flux_slot);
        b_.CreateStore(bflux, b_flux_slot);
        Value* net = b_.CreateFSub(f, bflux);
        // Species in nocmodl's order (last written first); each element is updated once per
        // reaction, so only the products above depend on it.
        auto each_state = [&](const std::vector<ReactionTerm>& side, auto body) {
            for (std::size_t i = side.size(); i-- > 0;) {
                const NameExpr& species = *side[i].species;
                if (Value* row = state_row(species)) body(i, species, row, side[i].coefficient);
            }
        };
        auto scaled = [&](Value* v, int coefficient) {
            return coefficient == 1 ? v : b_.CreateFMul(c(static_cast<double>(coefficient)), v);
        };
        // Rows: reactants lose (f - b) times their coefficient, products gain it.
        each_state(r.reactants, [&](std::size_t, const NameExpr& sp, Value* row, int coefficient) {
            if (!is_conserved_row(sp)) add_to(r_at(row), scaled(net, coefficient), true);
        });
        each_state(r.products, [&](std::size_t, const NameExpr& sp, Value* row, int coefficient) {
            if (!is_conserved_row(sp)) add_to(r_at(row), scaled(net, coefficient));
        });
        // Columns: the partial derivatives of the forward flux (reactant columns) and of the
        // backward flux (product columns), with the rate expressions taken as constants.
        each_state(r.reactants, [&](std::size_t i, const NameExpr&, Value* col, int) {
            Value* term = partial(kf, r.reactants, i);
            each_state(r.reactants, [&](std::size_t, const NameExpr& sp, Value* row, int coefficient) {
                if (!is_conserved_row(sp)) add_to(j_at(row, col), scaled(term, coefficient));
            });
            each_state(r.products, [&](std::size_t, const NameExpr& sp, Value* row, int coefficient) {
                if (!is_conserved_row(sp)) add_to(j_at(row, col), scaled(term, coefficient), true);
            });
        });
        if (r.reaction != ReactionKind::reversible) return;
        each_state(r.products, [&](std::size_t i, const NameExpr&, Value* col, int) {
            Value* term = partial(kb, r.products, i);
            each_state(r.reactants, [&](std::size_t, const NameExpr& sp, Value* row, int coefficient) {
                if (!is_conserved_row(sp)) add_to(j_at(row, col), scaled(term, coefficient), true);
            });
            each_state(r.products, [&](std::size_t, const NameExpr& sp, Value* row, int coefficient) {
                if (!is_conserved_row(sp)) add_to(j_at(row, col), scaled(term, coefficient));
            });
        });
    }

    // CONSERVE a + b + c = total replaces its row (genconservterms): r = total, then for each
    // state, last written first, j(row, state) = coefficient * volume and r -= state * volume
    // (* coefficient).
    void conserve(const ConserveStmt& cons) {
        auto law = fs_->equations->conservation.find(&cons);
        if (law == fs_->equations->conservation.end()) return;
        Value* row = llvm::ConstantInt::get(i64_, static_cast<std::uint64_t>(law->second));
        Value* value = expr(*cons.total);
        for (auto it = cons.terms.rbegin(); it != cons.terms.rend(); ++it) {
            Value* col = state_row(*it->species);
            if (!col) continue;
            Value* volume = b_.CreateLoad(f64_, b_.CreateInBoundsGEP(f64_, fs_->volumes, col));
            b_.CreateStore(b_.CreateFMul(c(static_cast<double>(it->coefficient)), volume), j_at(row, col));
            Value* amount = b_.CreateFMul(rvalue(*it->species), volume);
            if (it->coefficient != 1) amount = b_.CreateFMul(amount, c(static_cast<double>(it->coefficient)));
            value = b_.CreateFSub(value, amount);
        }
        b_.CreateStore(value, r_at(row));
    }

    // Applies every COMPARTMENT statement: the state's d/dt term (residual and diagonal) is
    // multiplied by its volume, which CONSERVE uses too.
    void compartments(const Block& blk) {
        for (const StmtPtr& st : blk.statements) {
            auto* comp = dyn<CompartmentStmt>(st.get());
            if (!comp || comp->longitudinal) continue;
            for (const Ident& species : comp->species) {
                const Variable* v = info_.find(species.name);
                if (!v) continue;
                int count = v->array_size ? v->array_size : 1;
                for (int e = 0; e < count; ++e) {
                    fs_->scopes.emplace_back();
                    if (!comp->index.name.empty()) {
                        Value* slot = declare_local(comp->index.name);
                        b_.CreateStore(c(static_cast<double>(e)), slot);
                    }
                    Value* volume = expr(*comp->volume);
                    fs_->scopes.pop_back();
                    NameExpr name(species.name, species.loc);
                    if (v->array_size) name.index = std::make_unique<NumberExpr>(e, std::to_string(e));
                    Value* row = state_row(name);
                    if (!row) continue;
                    b_.CreateStore(volume, b_.CreateInBoundsGEP(f64_, fs_->volumes, row));
                    if (is_conserved_row(name)) continue;
                    Value* r_address = r_at(row);
                    b_.CreateStore(b_.CreateFMul(b_.CreateLoad(f64_, r_address), volume), r_address);
                    Value* j_address = j_at(row, row);
                    b_.CreateStore(b_.CreateFMul(b_.CreateLoad(f64_, j_address), volume), j_address);
                }
            }
        }
    }

    // The block as an always-inline function of the environment and (const double* s, const
    // double* s_old, double dt, double* r, double* j, i8* used): sets the states from s and builds
    // the backward-Euler system as nocmodl's function does. The block sees `dt` = the solve's dt
    // (1e9 for STEADYSTATE, as _ss_sparse_thread sets it). When every Jacobian element it writes
    // is known at compile time, so is scopmath's elimination order.
    void define_kinetic_system(const ImplicitSystem& system) {
        Function* f = internal_function("cornu." + info_.name + "." + system.block->name.name + ".system", void_,
                                        {ptr_, ptr_, f64_, ptr_, ptr_, ptr_});
        SystemFunctions& functions = system_functions_[&system];
        functions.equations = number_equations(system);
        FunctionState state;
        state.kind = ProcKind::kinetic;
        state.system = &system;
        begin_function(state, f);
        state.env = env_from_args(f);
        unsigned first = static_cast<unsigned>(env_size());
        Value* s_now = f->getArg(first);
        Value* s_old = f->getArg(first + 1);
        Value* dt = f->getArg(first + 2);
        state.env.dt = dt;
        state.residual = f->getArg(first + 3);
        state.jacobian = f->getArg(first + 4);
        state.used = f->getArg(first + 5);
        state.equations = &functions.equations;
        std::size_t n = functions.equations.rows.size();
        state.volumes = entry_alloca(llvm::ArrayType::get(f64_, n), "volumes");
        declare_local("f_flux");
        declare_local("b_flux");
        store_states(functions.equations.rows, s_now);
        // scopmath zeroes the matrix before each call: every element of the structure, which is
        // known only once the block is generated (see the end).
        BasicBlock* zero = BasicBlock::Create(ctx_, "zero", f);
        BasicBlock* body = BasicBlock::Create(ctx_, "body", f);
        b_.CreateBr(zero);
        b_.SetInsertPoint(body);
        // nocmodl's first statements: r = -(s - s_old)/dt and j(i, i) = 1/dt for every equation
        // but the conservation laws.
        Value* dt1 = b_.CreateFDiv(c(1.0), dt);
        for (std::size_t i = 0; i < n; ++i) b_.CreateStore(c(1.0), b_.CreateConstInBoundsGEP1_64(f64_, state.volumes, i));
        for (std::size_t i = static_cast<std::size_t>(functions.equations.conserved); i < n; ++i) {
            Value* row = llvm::ConstantInt::get(i64_, i);
            Value* now = b_.CreateLoad(f64_, b_.CreateConstInBoundsGEP1_64(f64_, s_now, i));
            Value* before = b_.CreateLoad(f64_, b_.CreateConstInBoundsGEP1_64(f64_, s_old, i));
            b_.CreateStore(b_.CreateFMul(b_.CreateFNeg(dt1), b_.CreateFSub(now, before)), r_at(row));
            b_.CreateStore(dt1, j_at(row, row));
        }
        compartments(*system.block->body);
        block(*system.block->body);
        b_.CreateRetVoid();
        functions.system = f;
        functions.linear = state.linear;
        functions.writes_shared = state.writes_shared;
        if (state.static_structure) {
            // create_coef_list's structure: every element written, and the whole diagonal.
            std::vector<std::uint8_t> present(n * n, 0);
            for (const auto& [row, col] : state.structure)
                if (row >= 0 && col >= 0 && static_cast<std::size_t>(row) < n && static_cast<std::size_t>(col) < n)
                    present[static_cast<std::size_t>(row) * n + static_cast<std::size_t>(col)] = 1;
            for (std::size_t i = 0; i < n; ++i) present[i * n + i] = 1;
            functions.ordering = std::make_shared<kernel_support::MinimumDegree>(static_cast<int>(n), std::move(present));
        }
        // Zero the structure with its fill-in (all the solvers read), or, when it is known only
        // at run time, the whole matrix.
        b_.SetInsertPoint(zero);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < n; ++j)
                if (!functions.ordering || functions.ordering->present(static_cast<int>(i), static_cast<int>(j)))
                    b_.CreateStore(c(0.0), b_.CreateConstInBoundsGEP1_64(f64_, state.jacobian, i * n + j));
        b_.CreateBr(body);
        fs_ = nullptr;
    }

    // void F(env*, const double* s, const double* s_old, double dt, double* r, double* j, i8* used)
    // (cornu_kinetic_fn) for cornu_kinetic_solve, and the plan it keeps (scopmath's SparseObj:
    // the elimination order it computes on first use), one per KINETIC block.
    void define_kinetic_callback(const ImplicitSystem& system, SystemFunctions& functions) {
        if (functions.kinetic) return;
        llvm::IRBuilderBase::InsertPointGuard keep_position(b_);
        FunctionState* outer = fs_;
        auto type = llvm::FunctionType::get(void_, {ptr_, ptr_, ptr_, f64_, ptr_, ptr_, ptr_}, false);
        Function* f = Function::Create(type, Function::InternalLinkage,
                                       "cornu." + info_.name + "." + system.block->name.name + ".kinetic", *module_);
        f->addFnAttr(llvm::Attribute::NoUnwind);
        FunctionState state;
        begin_function(state, f);
        Value* env_ptr = f->getArg(0);
        std::vector<Value*> args;
        for (unsigned k = 0; k < env_struct()->getNumElements(); ++k)
            args.push_back(b_.CreateLoad(env_struct()->getElementType(k), b_.CreateStructGEP(env_struct(), env_ptr, k)));
        for (unsigned k = 1; k < 7; ++k) args.push_back(f->getArg(k));
        b_.CreateCall(functions.system, args);
        b_.CreateRetVoid();
        fs_ = outer;
        functions.kinetic = f;
        std::size_t n = functions.equations.rows.size();
        auto* plan_type = llvm::ArrayType::get(i32_, CORNU_KINETIC_PLAN_SIZE(n));
        functions.plan = new llvm::GlobalVariable(*module_, plan_type, false, llvm::GlobalValue::InternalLinkage,
                                                  llvm::ConstantAggregateZero::get(plan_type),
                                                  "cornu." + info_.name + "." + system.block->name.name + ".plan");
    }

    // An element of an array is addressed from the array's first field, as lvalue() does: every
    // access to an array goes through one (noalias) field pointer.
    Value* state_address(const StateRef& r) {
        int field = layout_.field(r.name, 0);
        return field_address(field, r.element ? llvm::ConstantInt::get(i64_, static_cast<std::uint64_t>(r.element)) : nullptr);
    }

    void store_states(const std::vector<StateRef>& states, Value* s) {
        for (std::size_t k = 0; k < states.size(); ++k)
            b_.CreateStore(b_.CreateLoad(f64_, b_.CreateConstInBoundsGEP1_64(f64_, s, k)), state_address(states[k]));
    }

    void solve(const SolveStmt& s) {
        const ImplicitSystem* system = code_.system(s.block.name);
        if (!system) {
            unsupported(s.loc, "SOLVE " + s.block.name);
            return;
        }
        if (system->method == ImplicitSystem::Method::derivimplicit && s.steadystate) {
            unsupported(s.loc, "SOLVE " + s.block.name + " STEADYSTATE derivimplicit");
            return;
        }
        auto found = system_functions_.find(system);
        if (found == system_functions_.end()) return;
        SystemFunctions& functions = found->second;
        if (functions.writes_shared) fs_->writes_shared = true;
        bool sparse = system->method == ImplicitSystem::Method::sparse;
        // The states in the order of the equations (nocmodl's numbering for sparse).
        const std::vector<StateRef>& order = sparse ? functions.equations.rows : system->states;
        std::size_t n = order.size();
        llvm::ArrayType* array = llvm::ArrayType::get(f64_, n);
        auto element = [&](Value* a, std::size_t k) { return b_.CreateConstInBoundsGEP2_64(array, a, 0, k); };
        Value* states = entry_alloca(array, "states");
        for (std::size_t k = 0; k < n; ++k) b_.CreateStore(b_.CreateLoad(f64_, state_address(order[k])), element(states, k));
        const bool extrapolate = !s.steadystate && fs_->kind == ProcKind::breakpoint;
        if (sparse) {
            Value* old = entry_alloca(array, "old_states");
            for (std::size_t k = 0; k < n; ++k) b_.CreateStore(b_.CreateLoad(f64_, element(states, k)), element(old, k));
            if (functions.ordering && !s.steadystate) {
                sparse_step(functions, states, old);
            } else {
                define_kinetic_callback(*system, functions);
                Value* status = b_.CreateCall(kinetic_solve_, {functions.kinetic, environment_in_memory(),
                                                               llvm::ConstantInt::get(i32_, n), states, fs_->env.dt,
                                                               llvm::ConstantInt::get(i32_, functions.linear ? 1 : 0),
                                                               llvm::ConstantInt::get(i32_, s.steadystate ? 1 : 0),
                                                               functions.plan});
                fail_if_nonzero(status);
            }
            for (std::size_t k = 0; k < n; ++k) b_.CreateStore(b_.CreateLoad(f64_, element(states, k)), state_address(order[k]));
            // sparse_thread leaves Dstate = (s - s_old)/dt.
            if (extrapolate)
                secondorder_extrapolation(order, [&](std::size_t k) {
                    return b_.CreateFDiv(b_.CreateFSub(b_.CreateLoad(f64_, element(states, k)), b_.CreateLoad(f64_, element(old, k))),
                                         fs_->env.dt);
                });
            return;
        }
        // The derivatives the block computes (scopmath's D slots, zero before the first call).
        Value* derivatives = entry_alloca(array, "derivatives");
        for (std::size_t k = 0; k < n; ++k) b_.CreateStore(c(0.0), element(derivatives, k));
        if (n <= max_inline_newton) {
            newton_step(functions, n, states, derivatives);
        } else {
            define_derivative_callback(*system, functions);
            Value* status = b_.CreateCall(derivimplicit_, {functions.derivative_callback, environment_in_memory(),
                                                           llvm::ConstantInt::get(i32_, n), states, fs_->env.dt});
            fail_if_nonzero(status);
        }
        // The block runs once more at the solution, leaving its assigned variables consistent
        // (and Dstate = f(s_new)).
        evaluate_derivative(functions, states, derivatives);
        if (extrapolate)
            secondorder_extrapolation(order, [&](std::size_t k) { return b_.CreateLoad(f64_, element(derivatives, k)); });
    }

    // The environment stored in a struct, for the C++ solvers and their callbacks.
    Value* environment_in_memory() {
        Value* env_mem = entry_alloca(env_struct(), "env");
        std::vector<Value*> values;
        flatten(fs_->env, values);
        for (unsigned k = 0; k < values.size(); ++k) b_.CreateStore(values[k], b_.CreateStructGEP(env_struct(), env_mem, k));
        return env_mem;
    }

    // ---- derivimplicit, solved inline (NEURON_SEMANTICS §E2) ----
    // Systems of up to this many states are solved in the state kernel; larger ones call
    // cornu_derivimplicit. Inline, the Jacobian runs the block 3n times and Crout's LU is
    // straight-line code of O(n^3) operations and selects, so compile time grows quickly with n
    // (a nonlinear chain, -O3: 23 ms at n = 2, 52 ms at 4, 156 ms at 6, 321 ms at 8, mostly the
    // SLP vectoriser) while the gain shrinks (4.6x faster at n = 2, 3.3x at 4, 2.7x at 6, 2.2x
    // at 8).
    static constexpr std::size_t max_inline_newton = 6;

    void evaluate_derivative(const SystemFunctions& functions, Value* states, Value* derivatives) {
        std::vector<Value*> args;
        flatten(fs_->env, args);
        args.push_back(states);
        args.push_back(derivatives);
        b_.CreateCall(functions.derivative, args);
    }

    // cornu_derivimplicit (kernel_support.cpp and newton.cpp: scopmath's nrn_newton_thread with
    // buildjacobian and crout_thread) emitted inline, with its operations in its order, so that
    // the two round alike. F(s) = f(s) - (s - s_old)/dt; Newton in an IR loop (the iteration
    // count differs between instances, so the instance loop stays scalar). When the previous
    // iteration's relative change exceeded 0.05 (always on the first), the Jacobian is rebuilt by
    // central differences, column by column (x_j += h, F; x_j -= 2h, F; x_j += h, F, with
    // h = max(|0.02 x_j|, 1e-6)), F negated and the Jacobian factorised by Crout with partial
    // pivoting (see crout); then J delta = -F is solved, x += delta, F re-evaluated and negated.
    // Converged when the largest |delta_j / x_j| over |x_j| > 1e-8 is at most 1e-6 and the
    // largest |F_j| at most 1e-8; an error after 50 iterations, or on a pivot below 1e-20 in
    // magnitude, is reported to cornu_rt_solver_failed and leaves the states where Newton was.
    // The block's derivatives carry over between its runs, as cornu_derivimplicit's do.
    void newton_step(const SystemFunctions& functions, std::size_t n, Value* states, Value* derivatives) {
        constexpr double converge = 1e-6;   // relative change that counts as converged
        constexpr double max_change = 0.05; // rebuild the Jacobian when the solution moved more
        constexpr int max_iterations = 50;
        constexpr double zero = 1e-8;       // residual that counts as zero; smaller states are not relative
        constexpr double step = 1e-6;       // smallest finite-difference increment
        llvm::ArrayType* array = llvm::ArrayType::get(f64_, n);
        llvm::ArrayType* matrix = llvm::ArrayType::get(f64_, n * n);
        llvm::ArrayType* indices = llvm::ArrayType::get(i32_, n);
        auto at = [&](llvm::ArrayType* type, Value* a, std::size_t k) { return b_.CreateConstInBoundsGEP2_64(type, a, 0, k); };
        auto load = [&](Value* a, std::size_t k) -> Value* { return b_.CreateLoad(f64_, at(array, a, k)); };
        auto store = [&](Value* v, Value* a, std::size_t k) { b_.CreateStore(v, at(array, a, k)); };
        Function* fabs = intrinsic(llvm::Intrinsic::fabs);
        auto abs = [&](Value* x) -> Value* { return b_.CreateCall(fabs, {x}); };
        Value* dt = fs_->env.dt;
        // The work arrays (promoted to registers once inlined: every index is a constant).
        Value* value = entry_alloca(array, "newton.value");
        Value* lu = entry_alloca(matrix, "newton.lu");
        Value* perm = entry_alloca(indices, "newton.perm");
        Value* change = entry_alloca(f64_, "newton.change");
        Value* count = entry_alloca(i32_, "newton.count");
        std::vector<Value*> saved(n);
        for (std::size_t k = 0; k < n; ++k) saved[k] = load(states, k);
        auto evaluate = [&] {
            evaluate_derivative(functions, states, derivatives);
            for (std::size_t k = 0; k < n; ++k)
                store(b_.CreateFSub(load(derivatives, k), b_.CreateFDiv(b_.CreateFSub(load(states, k), saved[k]), dt)), value, k);
        };
        b_.CreateStore(c(1.0), change);
        b_.CreateStore(llvm::ConstantInt::get(i32_, 0), count);
        BasicBlock* iterate = BasicBlock::Create(ctx_, "newton.iterate", fs_->fn);
        BasicBlock* build = BasicBlock::Create(ctx_, "newton.jacobian", fs_->fn);
        BasicBlock* solve_bb = BasicBlock::Create(ctx_, "newton.solve", fs_->fn);
        BasicBlock* test = BasicBlock::Create(ctx_, "newton.test", fs_->fn);
        BasicBlock* singular_bb = BasicBlock::Create(ctx_, "newton.singular", fs_->fn);
        BasicBlock* exceeded_bb = BasicBlock::Create(ctx_, "newton.exceeded", fs_->fn);
        BasicBlock* done = BasicBlock::Create(ctx_, "newton.done", fs_->fn);
        b_.CreateBr(iterate);

        b_.SetInsertPoint(iterate);
        Value* iteration = b_.CreateAdd(b_.CreateLoad(i32_, count), llvm::ConstantInt::get(i32_, 1));
        b_.CreateStore(iteration, count);
        b_.CreateCondBr(b_.CreateFCmpOGT(b_.CreateLoad(f64_, change), c(max_change)), build, solve_bb);

        // The Jacobian by central differences; x_j is restored by adding the increment back.
        b_.SetInsertPoint(build);
        std::vector<std::vector<Value*>> jacobian(n, std::vector<Value*>(n));
        for (std::size_t j = 0; j < n; ++j) {
            Value* scaled = abs(b_.CreateFMul(c(0.02), load(states, j)));
            Value* increment = b_.CreateSelect(b_.CreateFCmpOGT(scaled, c(step)), scaled, c(step));
            store(b_.CreateFAdd(load(states, j), increment), states, j);
            evaluate();
            std::vector<Value*> high(n);
            for (std::size_t i = 0; i < n; ++i) high[i] = load(value, i);
            store(b_.CreateFSub(load(states, j), b_.CreateFMul(c(2.0), increment)), states, j);
            evaluate();
            for (std::size_t i = 0; i < n; ++i)
                jacobian[i][j] = b_.CreateFDiv(b_.CreateFSub(high[i], load(value, i)), b_.CreateFMul(c(2.0), increment));
            store(b_.CreateFAdd(load(states, j), increment), states, j);
            evaluate();
        }
        for (std::size_t i = 0; i < n; ++i) store(b_.CreateFNeg(load(value, i)), value, i);
        auto [factors, order, singular] = crout(std::move(jacobian));
        for (std::size_t i = 0; i < n; ++i) {
            b_.CreateStore(order[i], at(indices, perm, i));
            for (std::size_t j = 0; j < n; ++j) b_.CreateStore(factors[i][j], at(matrix, lu, i * n + j));
        }
        b_.CreateCondBr(singular, singular_bb, solve_bb);

        // crout_solve: forward substitution in pivot order, then back substitution.
        b_.SetInsertPoint(solve_bb);
        std::vector<Value*> delta(n);
        auto factor = [&](std::size_t i, std::size_t j) { return b_.CreateLoad(f64_, at(matrix, lu, i * n + j)); };
        for (std::size_t i = 0; i < n; ++i) {
            Value* pivot = b_.CreateLoad(i32_, at(indices, perm, i));
            Value* rhs = load(value, 0);
            for (std::size_t k = 1; k < n; ++k)
                rhs = b_.CreateSelect(b_.CreateICmpEQ(pivot, llvm::ConstantInt::get(i32_, k)), load(value, k), rhs);
            Value* sum = c(0.0);
            for (std::size_t j = 0; j < i; ++j) sum = b_.CreateFAdd(sum, b_.CreateFMul(factor(i, j), delta[j]));
            delta[i] = b_.CreateFDiv(b_.CreateFSub(rhs, sum), factor(i, i));
        }
        for (std::size_t i = n; i-- > 0;) {
            Value* sum = c(0.0);
            for (std::size_t j = i + 1; j < n; ++j) sum = b_.CreateFAdd(sum, b_.CreateFMul(factor(i, j), delta[j]));
            delta[i] = b_.CreateFSub(delta[i], sum);
        }
        Value* relative = c(0.0);
        for (std::size_t i = 0; i < n; ++i) {
            Value* x = load(states, i);
            Value* ratio = abs(b_.CreateFDiv(delta[i], x));
            Value* larger = b_.CreateAnd(b_.CreateFCmpOGT(abs(x), c(zero)), b_.CreateFCmpOGT(ratio, relative));
            relative = b_.CreateSelect(larger, ratio, relative);
            store(b_.CreateFAdd(x, delta[i]), states, i);
        }
        evaluate();
        Value* deviation = c(0.0);
        for (std::size_t i = 0; i < n; ++i) {
            Value* negated = b_.CreateFNeg(load(value, i));
            store(negated, value, i);
            Value* size = abs(negated);
            deviation = b_.CreateSelect(b_.CreateFCmpOGT(size, deviation), size, deviation);
        }
        b_.CreateStore(relative, change);
        b_.CreateCondBr(b_.CreateAnd(b_.CreateFCmpOLE(relative, c(converge)), b_.CreateFCmpOLE(deviation, c(zero))), done,
                        test);

        b_.SetInsertPoint(test);
        b_.CreateCondBr(b_.CreateICmpEQ(iteration, llvm::ConstantInt::get(i32_, max_iterations)), exceeded_bb, iterate);

        for (auto [bb, code] : {std::pair{singular_bb, kernel_support::singular}, std::pair{exceeded_bb, kernel_support::exceeded_iterations}}) {
            b_.SetInsertPoint(bb);
            b_.CreateCall(solver_failed_, {fs_->env.runtime, fs_->env.mechanism_id, fs_->env.instance,
                                           llvm::ConstantInt::get(i32_, static_cast<std::uint64_t>(code))});
            b_.CreateBr(done);
        }
        b_.SetInsertPoint(done);
    }

    // crout_thread's LU factorisation with partial pivoting on a (by row), as straight-line code
    // with selects for the pivoting, in crout's order of operations. scopmath keeps the rows in
    // place and permutes an index; here the rows move instead, so row i of the result is
    // scopmath's row perm[i] (the row index, the row's largest element rowmax and its values all
    // swap together). For each column r: the elements r.. of the column are reduced
    // (a_ir -= sum over k < r of a_ik a_kr, the sum from 0 in k's order); the pivot is the first
    // row with the largest |a_ir / rowmax_i| (rowmax: the row's first element largest in
    // magnitude, before factorisation); it is swapped into place; a pivot below 1e-20 in
    // magnitude is singular; then the row right of the pivot is reduced and divided by it.
    // Returns the factors, perm and whether a pivot was singular.
    std::tuple<std::vector<std::vector<Value*>>, std::vector<Value*>, Value*> crout(std::vector<std::vector<Value*>> a) {
        constexpr double roundoff = 1e-20;  // smallest acceptable pivot
        std::size_t n = a.size();
        Function* fabs = intrinsic(llvm::Intrinsic::fabs);
        auto abs = [&](Value* x) -> Value* { return b_.CreateCall(fabs, {x}); };
        std::vector<Value*> perm(n), rowmax(n);
        for (std::size_t i = 0; i < n; ++i) {
            perm[i] = llvm::ConstantInt::get(i32_, i);
            Value* largest = a[i][0];
            for (std::size_t j = 1; j < n; ++j)
                largest = b_.CreateSelect(b_.CreateFCmpOGT(abs(a[i][j]), abs(largest)), a[i][j], largest);
            rowmax[i] = largest;
        }
        Value* singular = b_.getFalse();
        for (std::size_t r = 0; r < n; ++r) {
            for (std::size_t i = r; i < n; ++i) {
                Value* sum = c(0.0);
                for (std::size_t k = 0; k < r; ++k) sum = b_.CreateFAdd(sum, b_.CreateFMul(a[i][k], a[k][r]));
                a[i][r] = b_.CreateFSub(a[i][r], sum);
            }
            if (r + 1 < n) {
                Value* best = abs(b_.CreateFDiv(a[r][r], rowmax[r]));
                Value* pivot = llvm::ConstantInt::get(i32_, r);
                for (std::size_t i = r + 1; i < n; ++i) {
                    Value* candidate = abs(b_.CreateFDiv(a[i][r], rowmax[i]));
                    Value* larger = b_.CreateFCmpOGT(candidate, best);
                    pivot = b_.CreateSelect(larger, llvm::ConstantInt::get(i32_, i), pivot);
                    best = b_.CreateSelect(larger, candidate, best);
                }
                // Swap rows r and pivot.
                std::vector<Value*> row = a[r];
                Value* row_max = rowmax[r];
                Value* row_index = perm[r];
                for (std::size_t i = r + 1; i < n; ++i) {
                    Value* here = b_.CreateICmpEQ(pivot, llvm::ConstantInt::get(i32_, i));
                    for (std::size_t j = 0; j < n; ++j) {
                        row[j] = b_.CreateSelect(here, a[i][j], row[j]);
                        a[i][j] = b_.CreateSelect(here, a[r][j], a[i][j]);
                    }
                    row_max = b_.CreateSelect(here, rowmax[i], row_max);
                    rowmax[i] = b_.CreateSelect(here, rowmax[r], rowmax[i]);
                    row_index = b_.CreateSelect(here, perm[i], row_index);
                    perm[i] = b_.CreateSelect(here, perm[r], perm[i]);
                }
                a[r] = row;
                rowmax[r] = row_max;
                perm[r] = row_index;
            }
            singular = b_.CreateOr(singular, b_.CreateFCmpOLT(abs(a[r][r]), c(roundoff)));
            for (std::size_t j = r + 1; j < n; ++j) {
                Value* sum = c(0.0);
                for (std::size_t k = 0; k < r; ++k) sum = b_.CreateFAdd(sum, b_.CreateFMul(a[r][k], a[k][j]));
                a[r][j] = b_.CreateFDiv(b_.CreateFSub(a[r][j], sum), a[r][r]);
            }
        }
        return {a, perm, singular};
    }

    // ---- KINETIC sparse, solved inline (NEURON_SEMANTICS §E4) ----
    // sparse_thread with the elimination order known at compile time: the block builds the
    // system into local arrays (promoted to registers once inlined, the indices being constants),
    // and scopmath's matsol runs as straight-line code on the elements of its structure, with
    // scopmath's operations in scopmath's order. A linear scheme takes one iteration without a
    // branch, so the instance loop can vectorise; a nonlinear one iterates in a loop, clamping
    // negative states to 0, until the summed |change| is at most 1e-6 (after at most 22
    // iterations, as cornu_kinetic_solve). Either way the block runs once more at the solution.
    // Not replayed: the two extra runs of the block with which scopmath builds its structure on
    // the first call (create_coef_list); they matter only to a block whose statements are not
    // idempotent (a PROTECT counter), and only when no STEADYSTATE built the structure before.
    void sparse_step(const SystemFunctions& functions, Value* states, Value* old) {
        constexpr double converge = 1e-6;  // CONVERGE
        constexpr int max_steps = 20;      // MAXSTEPS
        std::size_t n = functions.equations.rows.size();
        llvm::ArrayType* array = llvm::ArrayType::get(f64_, n);
        auto element = [&](Value* a, std::size_t k) { return b_.CreateConstInBoundsGEP2_64(array, a, 0, k); };
        Value* residual = entry_alloca(array, "kinetic.r");
        Value* jacobian = entry_alloca(llvm::ArrayType::get(f64_, n * n), "kinetic.j");
        Value* used = entry_alloca(llvm::ArrayType::get(b_.getInt8Ty(), n * n), "kinetic.used");
        auto evaluate = [&] {
            std::vector<Value*> args;
            flatten(fs_->env, args);
            for (Value* a : {states, old}) args.push_back(a);
            args.push_back(fs_->env.dt);
            for (Value* a : {residual, jacobian, used}) args.push_back(a);
            b_.CreateCall(functions.system, args);
        };
        if (functions.linear) {
            evaluate();
            auto [delta, singular] = eliminate(*functions.ordering, n, residual, jacobian);
            // A singular pivot leaves the states as they were (scopmath returns before the update).
            for (std::size_t k = 0; k < n; ++k) {
                Value* now = b_.CreateLoad(f64_, element(states, k));
                b_.CreateStore(b_.CreateSelect(singular, now, b_.CreateFAdd(now, delta[k])), element(states, k));
            }
            evaluate();
            report_singular(singular);
            return;
        }
        Value* counter = entry_alloca(i32_, "kinetic.iteration");
        b_.CreateStore(llvm::ConstantInt::get(i32_, 0), counter);
        BasicBlock* iterate = BasicBlock::Create(ctx_, "kinetic.iterate", fs_->fn);
        BasicBlock* update = BasicBlock::Create(ctx_, "kinetic.update", fs_->fn);
        BasicBlock* test = BasicBlock::Create(ctx_, "kinetic.test", fs_->fn);
        BasicBlock* again = BasicBlock::Create(ctx_, "kinetic.again", fs_->fn);
        BasicBlock* converged = BasicBlock::Create(ctx_, "kinetic.converged", fs_->fn);
        BasicBlock* singular_bb = BasicBlock::Create(ctx_, "kinetic.singular", fs_->fn);
        BasicBlock* exceeded_bb = BasicBlock::Create(ctx_, "kinetic.exceeded", fs_->fn);
        BasicBlock* done = BasicBlock::Create(ctx_, "kinetic.done", fs_->fn);
        b_.CreateBr(iterate);
        b_.SetInsertPoint(iterate);
        evaluate();
        auto [delta, singular] = eliminate(*functions.ordering, n, residual, jacobian);
        b_.CreateCondBr(singular, singular_bb, update);
        b_.SetInsertPoint(update);
        Value* change = c(0.0);
        for (std::size_t k = 0; k < n; ++k) {
            Value* now = b_.CreateFAdd(b_.CreateLoad(f64_, element(states, k)), delta[k]);
            now = b_.CreateSelect(b_.CreateFCmpOLT(now, c(0.0)), c(0.0), now);
            b_.CreateStore(now, element(states, k));
            change = b_.CreateFAdd(change, b_.CreateCall(intrinsic(llvm::Intrinsic::fabs), {delta[k]}));
        }
        Value* iteration = b_.CreateLoad(i32_, counter);
        b_.CreateCondBr(b_.CreateICmpSGT(iteration, llvm::ConstantInt::get(i32_, max_steps)), exceeded_bb, test);
        b_.SetInsertPoint(test);
        b_.CreateCondBr(b_.CreateFCmpOGT(change, c(converge)), again, converged);
        b_.SetInsertPoint(again);
        b_.CreateStore(b_.CreateAdd(iteration, llvm::ConstantInt::get(i32_, 1)), counter);
        b_.CreateBr(iterate);
        b_.SetInsertPoint(converged);
        evaluate();
        b_.CreateBr(done);
        for (auto [bb, code] : {std::pair{singular_bb, kernel_support::singular}, std::pair{exceeded_bb, kernel_support::exceeded_iterations}}) {
            b_.SetInsertPoint(bb);
            b_.CreateCall(solver_failed_, {fs_->env.runtime, fs_->env.mechanism_id, fs_->env.instance,
                                           llvm::ConstantInt::get(i32_, static_cast<std::uint64_t>(code))});
            b_.CreateBr(done);
        }
        b_.SetInsertPoint(done);
    }

    // scopmath's matsol on the system the block built (r, j as the block left them; fill-in
    // elements start at 0): for each step, for every row below the pivot with an element in its
    // column, ratio = a_rp / a_pp, b_r -= b_p * ratio, a_rc -= a_pc * ratio along the pivot row;
    // then back substitution, b_p -= a_pc * b_c along the pivot row, b_p /= a_pp. Returns the
    // solution by equation and whether a pivot was at most 1e-20 in magnitude.
    std::pair<std::vector<Value*>, Value*> eliminate(const kernel_support::MinimumDegree& ordering, std::size_t n,
                                                     Value* residual, Value* jacobian) {
        constexpr double roundoff = 1e-20;  // ROUNDOFF
        std::vector<Value*> b(n);
        for (std::size_t i = 0; i < n; ++i) b[i] = b_.CreateLoad(f64_, b_.CreateConstInBoundsGEP1_64(f64_, residual, i));
        std::map<std::pair<int, int>, Value*> a;
        for (std::size_t row = 0; row < n; ++row)
            for (std::size_t col = 0; col < n; ++col)
                if (ordering.present(static_cast<int>(row), static_cast<int>(col)))
                    a[{static_cast<int>(row), static_cast<int>(col)}] =
                        b_.CreateLoad(f64_, b_.CreateConstInBoundsGEP1_64(f64_, jacobian, row * n + col));
        auto at = [&](int row, int col) -> Value*& { return a.at({row, col}); };
        auto u = [](int i) { return static_cast<std::size_t>(i); };
        Value* singular = b_.getFalse();
        Function* fabs = intrinsic(llvm::Intrinsic::fabs);
        std::vector<std::vector<int>> right(n);
        for (std::size_t step = 0; step < n; ++step) {
            int p = ordering.order()[step];
            right[step] = ordering.right(static_cast<int>(step));
            singular = b_.CreateOr(singular, b_.CreateFCmpOLE(b_.CreateCall(fabs, {at(p, p)}), c(roundoff)));
            for (int row : ordering.below(static_cast<int>(step))) {
                Value* ratio = b_.CreateFDiv(at(row, p), at(p, p));
                b[u(row)] = b_.CreateFSub(b[u(row)], b_.CreateFMul(b[u(p)], ratio));
                for (int col : right[step]) at(row, col) = b_.CreateFSub(at(row, col), b_.CreateFMul(at(p, col), ratio));
            }
        }
        for (std::size_t step = n; step-- > 0;) {
            int p = ordering.order()[step];
            for (int col : right[step]) b[u(p)] = b_.CreateFSub(b[u(p)], b_.CreateFMul(at(p, col), b[u(col)]));
            b[u(p)] = b_.CreateFDiv(b[u(p)], at(p, p));
        }
        return {b, singular};
    }

    // A singular pivot in a linear scheme's solve: in an instance loop, the first such instance is
    // kept (no call in the loop body) and reported after the loop; elsewhere, at once.
    void report_singular(Value* singular) {
        if (!fs_->deferred_singular) {
            fail_if_nonzero(b_.CreateSelect(singular, llvm::ConstantInt::get(i32_, kernel_support::singular),
                                            llvm::ConstantInt::get(i32_, 0)));
            return;
        }
        // A min reduction, which the loop vectoriser recognises.
        Value* none = llvm::ConstantInt::get(i64_, static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));
        Value* first = b_.CreateLoad(i64_, fs_->deferred_singular);
        Value* here = b_.CreateSelect(singular, fs_->env.instance, none);
        b_.CreateStore(b_.CreateBinaryIntrinsic(llvm::Intrinsic::smin, first, here), fs_->deferred_singular);
    }

    // With secondorder > 0 (and dt halved), nocmodl's nrn_state adds dt * Dstate to each state
    // after an implicit solve.
    template <class Derivative>
    void secondorder_extrapolation(const std::vector<StateRef>& order, Derivative derivative) {
        BasicBlock* apply = BasicBlock::Create(ctx_, "secondorder", fs_->fn);
        BasicBlock* done = BasicBlock::Create(ctx_, "secondorder.done", fs_->fn);
        b_.CreateCondBr(b_.CreateFCmpONE(secondorder(), c(0.0)), apply, done);
        b_.SetInsertPoint(apply);
        for (std::size_t k = 0; k < order.size(); ++k) {
            Value* address = state_address(order[k]);
            Value* d = derivative(k);
            b_.CreateStore(b_.CreateFAdd(b_.CreateLoad(f64_, address), b_.CreateFMul(fs_->env.dt, d)), address);
        }
        b_.CreateBr(done);
        b_.SetInsertPoint(done);
    }

    void fail_if_nonzero(Value* status) {
        BasicBlock* bad = BasicBlock::Create(ctx_, "solver.failed", fs_->fn);
        BasicBlock* ok = BasicBlock::Create(ctx_, "solver.ok", fs_->fn);
        b_.CreateCondBr(b_.CreateICmpNE(status, llvm::ConstantInt::get(i32_, 0)), bad, ok);
        b_.SetInsertPoint(bad);
        b_.CreateCall(solver_failed_, {fs_->env.runtime, fs_->env.mechanism_id, fs_->env.instance, status});
        b_.CreateBr(ok);
        b_.SetInsertPoint(ok);
    }

    // -----------------------------------------------------------------------------------------
    // Kernels
    // -----------------------------------------------------------------------------------------

    void define_kernels() {
        kernel_loop(KernelKind::init, [&](FunctionState&) {
            ions_in();
            block(*code_.init);
            ions_out();
        });
        if (layout_.has_currents) {
            current_kernel();
            jacob_kernel();
        }
        if (!code_.state->statements.empty()) {
            kernel_loop(KernelKind::state, [&](FunctionState&) {
                ions_in();
                block(*code_.state);
                ions_out();
            });
        }
        if (code_.net_receive) event_kernel(KernelKind::net_receive, *code_.net_receive);
        if (code_.net_initial) event_kernel(KernelKind::net_init, *code_.net_initial);
        if (!watch_clauses_.empty()) watch_kernel();
        if (!layout_.tables.empty()) table_kernel();
    }

    // void kernel(cornu_mech_data*): loads the environment and calls the instance loop, which is a
    // separate always-inline function whose pointer parameters are noalias. After inlining, every
    // access in the loop carries that no-alias information, so the loop vectoriser needs no
    // run-time overlap checks between the field arrays.
    template <class Body>
    void kernel_loop(KernelKind kind, Body body) {
        std::string name = kernel_symbol(info_.name, kind);
        vectorise_ = kind != KernelKind::init;
        Function* loop_fn = internal_function(name + ".loop", void_, {i64_}, /*noalias=*/true);
        {
            FunctionState state;
            state.kind = kind == KernelKind::init ? ProcKind::initial : ProcKind::breakpoint;
            begin_function(state, loop_fn);
            state.env = env_from_args(loop_fn);
            Value* n = loop_fn->getArg(static_cast<unsigned>(env_size()));
            state.env.v_slot = entry_alloca(f64_, "v");
            Value* no_instance = llvm::ConstantInt::get(i64_, static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));
            state.deferred_singular = entry_alloca(i64_, "first_singular");
            b_.CreateStore(no_instance, state.deferred_singular);
            loop(n, [&](Value* i) {
                state.env.instance = i;
                if (info_.kind != MechanismKind::artificial_cell) {
                    Value* node = instance_node();
                    b_.CreateStore(b_.CreateLoad(f64_, b_.CreateInBoundsGEP(f64_, state.env.node_v, node)), state.env.v_slot);
                }
                body(state);
            }, [&] { return vectorise_ && instances_independent(state); });
            if (state.deferred_singular->hasNUsesOrMore(3)) {
                Value* first = b_.CreateLoad(i64_, state.deferred_singular);
                BasicBlock* report = BasicBlock::Create(ctx_, "singular", loop_fn);
                BasicBlock* done = BasicBlock::Create(ctx_, "done", loop_fn);
                b_.CreateCondBr(b_.CreateICmpNE(first, no_instance), report, done);
                b_.SetInsertPoint(report);
                b_.CreateCall(solver_failed_, {state.env.runtime, state.env.mechanism_id, first,
                                               llvm::ConstantInt::get(i32_, kernel_support::singular)});
                b_.CreateBr(done);
                b_.SetInsertPoint(done);
            }
            b_.CreateRetVoid();
            fs_ = nullptr;
        }
        Function* f = Function::Create(llvm::FunctionType::get(void_, {ptr_}, false), Function::ExternalLinkage, name,
                                       *module_);
        f->addFnAttr(llvm::Attribute::NoUnwind);
        FunctionState state;
        begin_function(state, f);
        Env env = load_env(f->getArg(0));
        env.v_slot = llvm::ConstantPointerNull::get(ptr_);
        env.instance = llvm::ConstantInt::get(i64_, 0);
        if (kind == KernelKind::state && code_.state_halves_dt) {
            // NEURON's nrn_state with secondorder > 0: dt *= 0.5 for the whole kernel.
            Value* so = b_.CreateLoad(i32_, b_.CreateStructGEP(data_ty_, f->getArg(0), d_secondorder));
            env.dt = b_.CreateSelect(b_.CreateICmpNE(so, llvm::ConstantInt::get(i32_, 0)),
                                     b_.CreateFMul(env.dt, c(0.5)), env.dt);
        }
        Value* n = b_.CreateLoad(i64_, b_.CreateStructGEP(data_ty_, f->getArg(0), d_n));
        auto call_loop = [&](Value* use_table) {
            env.use_table = use_table;
            std::vector<Value*> args;
            flatten(env, args);
            args.push_back(n);
            b_.CreateCall(loop_fn, args);
        };
        if (vectorise_ && !layout_.tables.empty()) {
            // The loop versioned on usetable, as NEURON's per-call test would be unswitched: the
            // vectoriser would otherwise compute both the lookup and the function for every
            // instance and select (LLVM's unswitching declines loops this large).
            emit_both_ways(f, b_.CreateFCmpUNE(env.use_table, c(0.0)), [&](bool on) { call_loop(c(on ? 1.0 : 0.0)); });
        } else {
            call_loop(env.use_table);
        }
        b_.CreateRetVoid();
        fs_ = nullptr;
    }

    // A density mechanism has at most one instance per node, so accumulations into node and ion
    // arrays from different instances never meet and may run as vector scatters.
    bool one_instance_per_node() const { return info_.kind == MechanismKind::density; }

    // Instances are independent when the code writes no shared GLOBAL and no two instances can
    // write the same ion node (density mechanisms have one instance per node).
    bool instances_independent(const FunctionState& state) const {
        if (state.writes_shared) return false;
        if (info_.kind != MechanismKind::density && layout_.writes_concentration) return false;
        for (const IonInfo& ion : layout_.ions)
            if (info_.kind != MechanismKind::density && ion.writes_reversal) return false;
        return true;
    }

    // Tells the vectoriser that the loop's iterations touch disjoint memory (every access is in
    // one access group the loop declares parallel), so it needs no dependence analysis across
    // the gathers from node and ion arrays.
    void mark_parallel(BasicBlock* head, llvm::BranchInst* latch) {
        llvm::MDNode* group = llvm::MDNode::getDistinct(ctx_, {});
        for (BasicBlock& bb : *fs_->fn) {
            if (&bb == &fs_->fn->getEntryBlock()) continue;
            for (llvm::Instruction& inst : bb)  // (those of an earlier loop of the function keep theirs)
                if (inst.mayReadOrWriteMemory() && !inst.hasMetadata(llvm::LLVMContext::MD_access_group))
                    inst.setMetadata(llvm::LLVMContext::MD_access_group, group);
        }
        (void)head;
        llvm::Metadata* parallel[] = {llvm::MDString::get(ctx_, "llvm.loop.parallel_accesses"), group};
        llvm::Metadata* self[] = {nullptr, llvm::MDNode::get(ctx_, parallel)};
        llvm::MDNode* loop_id = llvm::MDNode::getDistinct(ctx_, self);
        loop_id->replaceOperandWith(0, loop_id);
        latch->setMetadata(llvm::LLVMContext::MD_loop, loop_id);
    }

    // Loops that run once per simulation (INITIAL) are left scalar: vector code would only cost
    // compile time.
    void keep_scalar(llvm::BranchInst* latch) {
        llvm::Metadata* off[] = {llvm::MDString::get(ctx_, "llvm.loop.vectorize.enable"),
                                 llvm::ConstantAsMetadata::get(llvm::ConstantInt::getFalse(ctx_))};
        llvm::Metadata* self[] = {nullptr, llvm::MDNode::get(ctx_, off)};
        llvm::MDNode* loop_id = llvm::MDNode::getDistinct(ctx_, self);
        loop_id->replaceOperandWith(0, loop_id);
        latch->setMetadata(llvm::LLVMContext::MD_loop, loop_id);
    }

    template <class Body, class Parallel>
    void loop(Value* n, Body body, Parallel parallel) {
        BasicBlock* pre = b_.GetInsertBlock();
        BasicBlock* head = BasicBlock::Create(ctx_, "loop", fs_->fn);
        BasicBlock* exit = BasicBlock::Create(ctx_, "loop.end", fs_->fn);
        b_.CreateCondBr(b_.CreateICmpSGT(n, llvm::ConstantInt::get(i64_, 0)), head, exit);
        b_.SetInsertPoint(head);
        llvm::PHINode* i = b_.CreatePHI(i64_, 2, "i");
        i->addIncoming(llvm::ConstantInt::get(i64_, 0), pre);
        body(i);
        Value* next = b_.CreateAdd(i, llvm::ConstantInt::get(i64_, 1), "i.next", true, true);
        i->addIncoming(next, b_.GetInsertBlock());
        llvm::BranchInst* latch = b_.CreateCondBr(b_.CreateICmpSLT(next, n), head, exit);
        if (parallel()) mark_parallel(head, latch);
        else if (!vectorise_) keep_scalar(latch);
        b_.SetInsertPoint(exit);
    }

    template <class Body>
    void loop(Value* n, Body body) {
        loop(n, body, [] { return false; });
    }

    Value* ion_array(int ion, int kind) {
        return fs_->env.ion_arrays[static_cast<std::size_t>(ion * ion_arrays_per_ion + kind)];
    }

    Value* ion_node(int ion) {
        const Env& e = fs_->env;
        auto k = static_cast<std::size_t>(ion);
        if (e.node_base) return b_.CreateAdd(e.ion_base[k], e.instance);
        return b_.CreateSExt(b_.CreateLoad(i32_, b_.CreateInBoundsGEP(i32_, e.ion_index[k], e.instance)), i64_);
    }

    // NEURON copies every ion variable a mechanism reads, and the concentrations and reversal
    // potentials it writes, into the instance before running its code...
    void ions_in() {
        for (const Variable& v : info_.variables) {
            if (!v.ion || (!v.ion->read && (v.ion->kind == IonVariableKind::current || !v.ion->written))) continue;
            int ion = layout_.ion(v.ion->ion);
            Value* value = b_.CreateLoad(f64_, b_.CreateInBoundsGEP(f64_, ion_array(ion, ion_array_kind(v.ion->kind)), ion_node(ion)));
            b_.CreateStore(value, field_address(layout_.field(v.name, 0), nullptr));
        }
    }

    // ... and copies the written concentrations and reversal potentials back afterwards.
    void ions_out() {
        for (const Variable& v : info_.variables) {
            if (!v.ion || !v.ion->written || v.ion->kind == IonVariableKind::current) continue;
            int ion = layout_.ion(v.ion->ion);
            Value* value = b_.CreateLoad(f64_, field_address(layout_.field(v.name, 0), nullptr));
            b_.CreateStore(value, b_.CreateInBoundsGEP(f64_, ion_array(ion, ion_array_kind(v.ion->kind)), ion_node(ion)));
        }
    }

    Value* load_field(const std::string& name) { return b_.CreateLoad(f64_, field_address(layout_.field(name, 0), nullptr)); }

    void store_field(const std::string& name, Value* value) {
        b_.CreateStore(value, field_address(layout_.field(name, 0), nullptr));
    }

    // Sum of the currents in NEURON-block order, and the written ion currents, after one
    // evaluation of the BREAKPOINT code.
    Value* total_current() {
        Value* sum = c(0.0);
        for (const std::string& name : info_.currents) sum = b_.CreateFAdd(sum, load_field(name));
        return sum;
    }

    std::vector<std::pair<int, std::string>> written_ion_currents() const {
        std::vector<std::pair<int, std::string>> out;
        for (const IonInfo& ion : layout_.ions)
            if (ion.writes_current) out.push_back({layout_.ion(ion.name), ion_variable_name(ion.name, IonVariableKind::current)});
        return out;
    }

    // The current kernel (NEURON's nrn_cur): BREAKPOINT at v + 0.001 and at v per instance
    // (vectorisable), then the accumulation into nodes and ions in instance order (scalar).
    void current_kernel() {
        kernel_loop(KernelKind::current, [&](FunctionState& state) {
            ions_in();
            Value* v = b_.CreateLoad(f64_, state.env.v_slot);
            b_.CreateStore(b_.CreateFAdd(v, c(0.001)), state.env.v_slot);
            block(*code_.current);
            Value* g = total_current();
            std::vector<Value*> shifted;
            for (const auto& [ion, name] : written_ion_currents()) shifted.push_back(load_field(name));
            b_.CreateStore(v, state.env.v_slot);
            block(*code_.current);
            Value* rhs = total_current();
            std::size_t k = 0;
            for (const auto& [ion, name] : written_ion_currents()) {
                const std::string& ion_name = layout_.ions[static_cast<std::size_t>(ion)].name;
                Value* i_now = load_field(name);
                store_field(field_ion_conductance(ion_name), b_.CreateFDiv(b_.CreateFSub(shifted[k++], i_now), c(0.001)));
                store_field(field_ion_current(ion_name), i_now);
            }
            g = b_.CreateFDiv(b_.CreateFSub(g, rhs), c(0.001));
            if (info_.kind == MechanismKind::point_process) {
                // Point processes work in nA: g and I are scaled by one precomputed 100/area (§B.4).
                Value* area = b_.CreateLoad(f64_, b_.CreateInBoundsGEP(f64_, state.env.node_area, instance_node()));
                Value* factor = b_.CreateFDiv(c(100.0), area);
                g = b_.CreateFMul(g, factor);
                rhs = b_.CreateFMul(rhs, factor);
            }
            store_field(field_conductance, g);
            store_field(field_current, rhs);
            ions_out();
        });
        accumulate_kernel_tail();
    }

    // Appends to the current kernel (still open in fs_-less state): the scalar accumulation loop.
    void accumulate_kernel_tail() {
        Function* f = module_->getFunction(kernel_symbol(info_.name, KernelKind::current));
        BasicBlock* exit = nullptr;
        for (BasicBlock& bb : *f)
            if (llvm::isa<llvm::ReturnInst>(bb.getTerminator())) exit = &bb;
        exit->getTerminator()->eraseFromParent();
        BasicBlock& last = *exit;
        FunctionState state;
        state.fn = f;
        fs_ = &state;
        state.scopes.emplace_back();
        b_.SetInsertPoint(&last);
        state.env = load_env(f->getArg(0));
        Value* n = b_.CreateLoad(i64_, b_.CreateStructGEP(data_ty_, f->getArg(0), d_n));
        versioned_on_contiguity(state, f->getArg(0), [&] {
            loop(n, [&](Value* i) {
                state.env.instance = i;
                Value* node = instance_node();
                Value* rhs_ptr = b_.CreateInBoundsGEP(f64_, state.env.node_rhs, node);
                Value* rhs = load_field(field_current);
                Value* old = b_.CreateLoad(f64_, rhs_ptr);
                b_.CreateStore(layout_.electrode_current ? b_.CreateFAdd(old, rhs) : b_.CreateFSub(old, rhs), rhs_ptr);
                for (const auto& [ion, name] : written_ion_currents()) {
                    const std::string& ion_name = layout_.ions[static_cast<std::size_t>(ion)].name;
                    Value* ii = ion_node(ion);
                    Value* di = load_field(field_ion_conductance(ion_name));
                    Value* cur = load_field(field_ion_current(ion_name));
                    if (info_.kind == MechanismKind::point_process) {
                        // (i * 1e2) / area, evaluated left to right as nocmodl writes it.
                        Value* area = b_.CreateLoad(f64_, b_.CreateInBoundsGEP(f64_, state.env.node_area, node));
                        di = b_.CreateFDiv(b_.CreateFMul(di, c(100.0)), area);
                        cur = b_.CreateFDiv(b_.CreateFMul(cur, c(100.0)), area);
                    }
                    Value* dptr = b_.CreateInBoundsGEP(f64_, ion_array(ion, 4), ii);
                    b_.CreateStore(b_.CreateFAdd(b_.CreateLoad(f64_, dptr), di), dptr);
                    Value* iptr = b_.CreateInBoundsGEP(f64_, ion_array(ion, 3), ii);
                    b_.CreateStore(b_.CreateFAdd(b_.CreateLoad(f64_, iptr), cur), iptr);
                }
            }, [&] { return one_instance_per_node(); });
        });
        b_.CreateRetVoid();
        fs_ = nullptr;
    }

    // Emits the instance loop `emit` makes once or, for density mechanisms, twice under a test
    // of cornu_mech_data.contiguous: the first copy with nodes and ion nodes as base + i, which
    // the vectoriser turns into contiguous loads and stores instead of gathers and scatters.
    template <class Emit>
    void versioned_on_contiguity(FunctionState& state, Value* data, Emit emit) {
        if (!one_instance_per_node()) {
            emit();
            return;
        }
        Value* flag = b_.CreateLoad(i32_, b_.CreateStructGEP(data_ty_, data, d_contiguous));
        auto first = [&](Value* index) {
            return b_.CreateSExt(b_.CreateLoad(i32_, b_.CreateConstInBoundsGEP1_64(i32_, index, 0)), i64_);
        };
        emit_both_ways(state.fn, b_.CreateICmpNE(flag, llvm::ConstantInt::get(i32_, 0)), [&](bool contiguous) {
            if (contiguous) {
                state.env.node_base = first(state.env.node_index);
                for (Value* index : state.env.ion_index) state.env.ion_base.push_back(first(index));
            }
            emit();
            state.env.node_base = nullptr;
            state.env.ion_base.clear();
        });
    }

    // Branches on `condition` (known on entry to a kernel) and emits `emit(true)` and
    // `emit(false)` on the two sides: code versioned on a value the optimiser cannot see.
    template <class Emit>
    void emit_both_ways(Function* f, Value* condition, Emit emit) {
        BasicBlock* yes = BasicBlock::Create(ctx_, "version.yes", f);
        BasicBlock* no = BasicBlock::Create(ctx_, "version.no", f);
        BasicBlock* done = BasicBlock::Create(ctx_, "version.done", f);
        b_.CreateCondBr(condition, yes, no);
        b_.SetInsertPoint(yes);
        emit(true);
        b_.CreateBr(done);
        b_.SetInsertPoint(no);
        emit(false);
        b_.CreateBr(done);
        b_.SetInsertPoint(done);
    }

    // NEURON's nrn_jacob: D += g (D -= g for electrode currents).
    void jacob_kernel() {
        Function* f = Function::Create(llvm::FunctionType::get(void_, {ptr_}, false), Function::ExternalLinkage,
                                       kernel_symbol(info_.name, KernelKind::jacob), *module_);
        f->addFnAttr(llvm::Attribute::NoUnwind);
        FunctionState state;
        begin_function(state, f);
        state.env = load_env(f->getArg(0));
        Value* n = b_.CreateLoad(i64_, b_.CreateStructGEP(data_ty_, f->getArg(0), d_n));
        versioned_on_contiguity(state, f->getArg(0), [&] {
            loop(n, [&](Value* i) {
                state.env.instance = i;
                Value* dptr = b_.CreateInBoundsGEP(f64_, state.env.node_d, instance_node());
                Value* g = load_field(field_conductance);
                Value* old = b_.CreateLoad(f64_, dptr);
                b_.CreateStore(layout_.electrode_current ? b_.CreateFSub(old, g) : b_.CreateFAdd(old, g), dptr);
            }, [&] { return one_instance_per_node(); });
        });
        b_.CreateRetVoid();
        fs_ = nullptr;
    }

    // NET_RECEIVE and its INITIAL: one instance, one weight vector.
    void event_kernel(KernelKind kind, const Block& body) {
        bool receive = kind == KernelKind::net_receive;
        std::vector<Type*> params{ptr_, i64_, ptr_};
        if (receive) params.push_back(f64_);
        Function* f = Function::Create(llvm::FunctionType::get(void_, params, false), Function::ExternalLinkage,
                                       kernel_symbol(info_.name, kind), *module_);
        f->addFnAttr(llvm::Attribute::NoUnwind);
        FunctionState state;
        state.kind = ProcKind::net_receive;
        state.proc = info_.net_receive;
        begin_function(state, f);
        state.env = load_env(f->getArg(0));
        state.env.instance = f->getArg(1);
        state.env.weights = f->getArg(2);
        state.env.v_slot = entry_alloca(f64_, "v");
        if (info_.kind != MechanismKind::artificial_cell)
            b_.CreateStore(b_.CreateLoad(f64_, b_.CreateInBoundsGEP(f64_, state.env.node_v, instance_node())), state.env.v_slot);
        else
            b_.CreateStore(c(0.0), state.env.v_slot);
        for (std::size_t a = 0; a < info_.net_receive->args.size(); ++a)
            state.scopes.back()[info_.net_receive->args[a].ident.name] =
                Local{b_.CreateConstInBoundsGEP1_64(f64_, state.env.weights, a), 0};
        if (receive) {
            Value* flag = declare_local("flag");
            b_.CreateStore(f->getArg(3), flag);
            event_order_check();
        }
        block(body);
        if (!b_.GetInsertBlock()->getTerminator()) b_.CreateRetVoid();
        fs_ = nullptr;
    }

    // NEURON refuses an event earlier than the previous one for the same instance.
    void event_order_check() {
        Value* last = field_address(layout_.field(field_event_time, 0), nullptr);
        BasicBlock* bad = BasicBlock::Create(ctx_, "out_of_order", fs_->fn);
        BasicBlock* ok = BasicBlock::Create(ctx_, "in_order", fs_->fn);
        b_.CreateCondBr(b_.CreateFCmpOGT(b_.CreateLoad(f64_, last), fs_->env.t), bad, ok);
        b_.SetInsertPoint(bad);
        b_.CreateCall(solver_failed_, {fs_->env.runtime, fs_->env.mechanism_id, fs_->env.instance,
                                       llvm::ConstantInt::get(i32_, error_event_out_of_order)});
        b_.CreateBr(ok);
        b_.SetInsertPoint(ok);
        b_.CreateStore(fs_->env.t, last);
    }

    // double watch(data, instance, clause): the value whose upward zero crossing fires the
    // clause: a - b for (a > b), -(a - b) for (a < b).
    void watch_kernel() {
        Function* f = Function::Create(llvm::FunctionType::get(f64_, {ptr_, i64_, i32_}, false),
                                       Function::ExternalLinkage, kernel_symbol(info_.name, KernelKind::watch), *module_);
        f->addFnAttr(llvm::Attribute::NoUnwind);
        FunctionState state;
        state.kind = ProcKind::net_receive;
        begin_function(state, f);
        state.env = load_env(f->getArg(0));
        state.env.instance = f->getArg(1);
        state.env.v_slot = entry_alloca(f64_, "v");
        if (info_.kind != MechanismKind::artificial_cell)
            b_.CreateStore(b_.CreateLoad(f64_, b_.CreateInBoundsGEP(f64_, state.env.node_v, instance_node())), state.env.v_slot);
        else
            b_.CreateStore(c(0.0), state.env.v_slot);
        BasicBlock* fallback = BasicBlock::Create(ctx_, "unknown", f);
        llvm::SwitchInst* sw = b_.CreateSwitch(f->getArg(2), fallback, static_cast<unsigned>(watch_clauses_.size()));
        for (std::size_t k = 0; k < watch_clauses_.size(); ++k) {
            BasicBlock* bb = BasicBlock::Create(ctx_, "clause", f);
            sw->addCase(llvm::ConstantInt::get(llvm::cast<llvm::IntegerType>(i32_), k), bb);
            b_.SetInsertPoint(bb);
            const WatchClause& clause = *watch_clauses_[k];
            Value* diff = b_.CreateFSub(expr(*clause.lhs), expr(*clause.rhs));
            b_.CreateRet(clause.greater ? diff : b_.CreateFNeg(diff));
        }
        b_.SetInsertPoint(fallback);
        b_.CreateRet(c(0.0));
        fs_ = nullptr;
    }

    void table_kernel() {
        Function* f = Function::Create(llvm::FunctionType::get(void_, {ptr_}, false), Function::ExternalLinkage,
                                       kernel_symbol(info_.name, KernelKind::table), *module_);
        f->addFnAttr(llvm::Attribute::NoUnwind);
        FunctionState state;
        state.kind = ProcKind::procedure;
        begin_function(state, f);
        state.env = load_env(f->getArg(0));
        Value* n = b_.CreateLoad(i64_, b_.CreateStructGEP(data_ty_, f->getArg(0), d_n));
        BasicBlock* build = BasicBlock::Create(ctx_, "tables", f);
        BasicBlock* done = BasicBlock::Create(ctx_, "no_instances", f);
        // Tables are built with the first instance's data; no instance, no table.
        b_.CreateCondBr(b_.CreateICmpSGT(n, llvm::ConstantInt::get(i64_, 0)), build, done);
        b_.SetInsertPoint(build);
        state.env.instance = llvm::ConstantInt::get(i64_, 0);
        state.env.v_slot = entry_alloca(f64_, "v");
        b_.CreateStore(c(0.0), state.env.v_slot);
        build_tables(state);
        b_.CreateBr(done);
        b_.SetInsertPoint(done);
        b_.CreateRetVoid();
        fs_ = nullptr;
    }

    llvm::LLVMContext& ctx_;
    const MechanismInfo& info_;
    const MechanismLayout& layout_;
    const KernelCode& code_;
    const IRGenOptions& options_;
    DiagnosticEngine& diags_;
    std::unique_ptr<llvm::Module> module_;
    llvm::IRBuilder<> b_;
    Type* f64_ = nullptr;
    Type* i64_ = nullptr;
    Type* i32_ = nullptr;
    Type* i1_ = nullptr;
    llvm::PointerType* ptr_ = nullptr;
    Type* void_ = nullptr;
    llvm::StructType* data_ty_ = nullptr;
    llvm::StructType* ion_ty_ = nullptr;
    Function* hoc_exp_ = nullptr;
    Function* net_send_ = nullptr;
    Function* net_event_ = nullptr;
    Function* net_move_ = nullptr;
    Function* watch_ = nullptr;
    Function* netcon_count_ = nullptr;
    Function* netcon_weights_ = nullptr;
    Function* random_ = nullptr;
    Function* set_seed_ = nullptr;
    Function* play_time_ = nullptr;
    Function* solver_failed_ = nullptr;
    Function* function_table_ = nullptr;
    Function* derivimplicit_ = nullptr;
    Function* kinetic_solve_ = nullptr;
    std::map<std::string, Function*> callables_;
    std::map<std::string, Function*> raw_callables_;
    std::vector<const WatchClause*> watch_clauses_;
    std::set<std::string> shared_writers_;  // callables that write GLOBALs
    bool vectorise_ = true;                 // the kernel being generated runs every time step
    bool failed_ = false;
    int reported_ = 0;
};

}  // namespace

std::unique_ptr<llvm::Module> generate_module(llvm::LLVMContext& context, const MechanismInfo& info,
                                              const MechanismLayout& layout, const KernelCode& code,
                                              const IRGenOptions& options, DiagnosticEngine& diags) {
    return Generator(context, info, layout, code, options, diags).run();
}

}  // namespace cornu::codegen
