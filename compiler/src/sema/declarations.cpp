// Pass 1 of semantic analysis: every declaration, and the storage rules of NEURON 8.2.
#include "builtins.hpp"
#include "passes.hpp"
#include "units.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

namespace cornu::nmodl {

namespace {

const char* origin_block(VariableOrigin o) {
    switch (o) {
        case VariableOrigin::parameter: return "PARAMETER";
        case VariableOrigin::assigned: return "ASSIGNED";
        case VariableOrigin::state: return "STATE";
        case VariableOrigin::constant: return "CONSTANT";
        case VariableOrigin::unit_factor: return "UNITS";
        case VariableOrigin::define: return "DEFINE";
        case VariableOrigin::top_local: return "LOCAL";
        case VariableOrigin::pointer: return "POINTER";
        case VariableOrigin::independent: return "INDEPENDENT";
        default: return "NEURON";
    }
}

// Which ion variable `name` is for ion `ion`, if any: ena, nai, nao, ina for na.
std::optional<IonVariableKind> ion_kind(const std::string& ion, const std::string& name) {
    for (IonVariableKind k : {IonVariableKind::reversal, IonVariableKind::conc_inside,
                              IonVariableKind::conc_outside, IonVariableKind::current})
        if (name == ion_variable_name(ion, k)) return k;
    return std::nullopt;
}

class DeclarationCollector {
public:
    DeclarationCollector(const Module& module, MechanismInfo& info, DiagnosticEngine& diags)
        : module_(module), info_(info), diags_(diags) {}

    void run() {
        const NeuronItem* neuron = nullptr;
        for (const ItemPtr& item : module_.items) {
            switch (item->kind) {
                case ItemKind::title:
                    if (info_.title.empty()) info_.title = as<TitleItem>(*item).text;
                    break;
                case ItemKind::define: define(as<DefineItem>(*item)); break;
                case ItemKind::neuron:
                    if (neuron) diags_.warning(item->loc, "second NEURON block; its statements are merged with the first");
                    neuron_blocks_.push_back(&as<NeuronItem>(*item));
                    neuron = &as<NeuronItem>(*item);
                    break;
                case ItemKind::units: units(as<UnitsItem>(*item)); break;
                case ItemKind::parameter: parameters(as<ParameterItem>(*item)); break;
                case ItemKind::constant: constants(as<ConstantItem>(*item)); break;
                case ItemKind::var_block: var_block(as<VarBlockItem>(*item)); break;
                case ItemKind::top_local:
                    for (const LocalVar& v : as<TopLocalItem>(*item).vars) {
                        Variable var = make(v.ident, VariableOrigin::top_local);
                        var.storage = Storage::global;
                        var.array_size = resolve_size(v.size);
                        declare(std::move(var));
                    }
                    break;
                case ItemKind::proc: proc(as<ProcItem>(*item)); break;
                case ItemKind::verbatim: info_.has_verbatim = true; break;
                case ItemKind::independent:
                case ItemKind::include:
                case ItemKind::units_toggle: break;
            }
        }
        mechanism_name();
        for (const NeuronItem* n : neuron_blocks_) neuron_lists(*n);
        ion_uses();
        storage();
        current_order();
    }

private:
    // ---- variables ----

    Variable make(const Ident& ident, VariableOrigin origin) {
        Variable v;
        v.name = ident.name;
        v.loc = ident.loc;
        v.origin = origin;
        return v;
    }

    // Names nocmodl refuses for variables and functions of a mechanism.
    void check_name(const Variable& v) {
        if (!v.name.empty() && v.name[0] == '_')
            diags_.error(v.loc, "name '" + v.name + "' begins with '_'",
                         "names beginning with '_' are reserved for the translator; rename it");
        else if (is_reserved_function_name(v.name))
            diags_.error(v.loc, "'" + v.name + "' is the name of a built-in function",
                         "NEURON reserves the names of its functions; rename it");
        else if (find_integration_method(v.name))
            diags_.error(v.loc, "'" + v.name + "' is the name of an integration method",
                         "NMODL reserves the METHOD names; rename it");
        else if (is_c_keyword(v.name))
            diags_.warning(v.loc, "'" + v.name + "' is a C keyword",
                           "NEURON translates .mod files to C and cannot build this one; rename it");
    }

    // Adds a declaration, or reports a second declaration of the same name.
    Variable* declare(Variable v) {
        check_name(v);
        auto found = info_.variable_index.find(v.name);
        if (found != info_.variable_index.end()) {
            Variable& first = info_.variables[found->second];
            // The simulator's variables may be declared once in PARAMETER and again in ASSIGNED in
            // old files; nocmodl rejects other repeats.
            diags_.error(v.loc, "'" + v.name + "' is declared twice: in " + origin_block(first.origin) +
                         " and in " + origin_block(v.origin),
                         "remove one of the declarations");
            diags_.note(first.loc, "'" + v.name + "' was first declared here");
            return &first;
        }
        info_.variable_index[v.name] = info_.variables.size();
        info_.variables.push_back(std::move(v));
        return &info_.variables.back();
    }

    int resolve_size(const ArraySize& size) {
        if (!size.is_array()) return 0;
        if (size.define_name.empty()) return static_cast<int>(size.value);
        const Variable* d = info_.find(size.define_name);
        if (!d || d->origin != VariableOrigin::define) {
            diags_.error(size.loc, "array size '" + size.define_name + "' is not a DEFINEd name",
                         "write the size as an integer, or DEFINE " + size.define_name + " <integer> before this line");
            return 1;
        }
        if (!d->value || *d->value < 1) {
            diags_.error(size.loc, "array size " + size.define_name + " must be at least 1",
                         "DEFINE " + size.define_name + " as a positive integer");
            return 1;
        }
        return static_cast<int>(*d->value);
    }

    void define(const DefineItem& d) {
        Variable v = make(d.name, VariableOrigin::define);
        v.storage = Storage::constant;
        v.value = static_cast<double>(d.value);
        v.value_text = std::to_string(d.value);
        declare(std::move(v));
    }

    void units(const UnitsItem& u) {
        // The file's own unit names ((mV) = (millivolt)) may appear in its factors.
        for (const UnitAlias& a : u.aliases) unit_table_.define(a.from, a.to);
        for (const UnitFactor& f : u.factors) {
            Variable v = make(f.name, VariableOrigin::unit_factor);
            v.storage = Storage::constant;
            if (f.value) {
                v.value = f.value;
                v.value_text = f.value_text;
                v.unit = f.to;
            } else {
                v.unit = "(" + f.from + ")/(" + f.to + ")";
                std::string unknown;
                v.value = unit_table_.factor(f.from, f.to, unknown);
                if (!v.value)
                    diags_.warning(f.loc, "unknown unit '" + unknown + "': the value of " + f.name.name + " cannot be computed",
                                   "define it in the UNITS block, e.g. (" + unknown + ") = (...)");
            }
            declare(std::move(v));
        }
    }

    void parameters(const ParameterItem& p) {
        for (const ParameterDecl& d : p.decls) {
            Variable v = make(d.ident, VariableOrigin::parameter);
            v.array_size = resolve_size(d.size);
            parameter_syntax(d);
            v.unit = d.unit;
            if (d.value) {
                v.value = d.value->value;
                v.value_text = d.value->text;
            }
            if (is_simulator_variable(v.name)) {
                v.storage = Storage::builtin;
                if (d.value && v.name != "area" && v.name != "diam")
                    diags_.warning(d.ident.loc, "the default " + d.value->text + " of PARAMETER " + v.name +
                                   " is ignored: the simulator sets " + v.name,
                                   v.name == "celsius" ? "set the temperature for the whole simulation instead"
                                                       : "remove the value");
            }
            declare(std::move(v));
        }
    }

    // Forms nocmodl's grammar refuses in a PARAMETER entry.
    void parameter_syntax(const ParameterDecl& d) {
        if (d.size.is_array() && d.value)
            diags_.error(d.value->loc, "PARAMETER array '" + d.ident.name + "' cannot have a value",
                         "remove '= " + d.value->text + "' and set the elements in INITIAL");
        for (const auto& limit : {d.low, d.high})
            if (limit && limit->value < 0)
                diags_.error(limit->loc, "PARAMETER limit " + limit->text + " is negative",
                             "NEURON only accepts limits >= 0 in '<low, high>'; they are never enforced, so "
                             "remove them or use 0");
        if (d.ident.name == "t") time_declared(d.ident);
    }

    void time_declared(const Ident& ident) {
        diags_.error(ident.loc, "'t' is the simulation time and cannot be declared here",
                     "remove the declaration; t is always available");
    }

    void constants(const ConstantItem& c) {
        for (const ConstantDecl& d : c.decls) {
            Variable v = make(d.ident, VariableOrigin::constant);
            v.storage = Storage::constant;
            v.value = d.value.value;
            v.value_text = d.value.text;
            v.unit = d.unit;
            declare(std::move(v));
        }
    }

    void var_block(const VarBlockItem& b) {
        for (const VarDecl& d : b.decls) {
            if (d.primes > 0) {
                diags_.warning(d.ident.loc, "declaring a derivative '" + d.ident.name + "'' is a SCoP leftover; ignored");
                continue;
            }
            VariableOrigin origin = b.block == VarBlockKind::state ? VariableOrigin::state : VariableOrigin::assigned;
            Variable v = make(d.ident, origin);
            v.array_size = resolve_size(d.size);
            v.unit = d.unit;
            if (d.tolerance && d.tolerance->value < 0)
                diags_.error(d.tolerance->loc, "tolerance " + d.tolerance->text + " is negative",
                             "an absolute tolerance is a small positive number, e.g. <1e-6>");
            if (v.name == "t") time_declared(d.ident);
            if (is_simulator_variable(v.name)) {
                if (origin == VariableOrigin::state) {
                    diags_.error(d.ident.loc, "'" + v.name + "' is set by the simulator and cannot be a STATE",
                                 "rename the state");
                } else {
                    v.storage = Storage::builtin;
                }
            }
            declare(std::move(v));
        }
    }

    void proc(const ProcItem& p) {
        info_.blocks.push_back(&p);
        switch (p.proc) {
            case ProcKind::initial: info_.initial_blocks.push_back(&p); return;
            case ProcKind::breakpoint: info_.breakpoint_blocks.push_back(&p); return;
            case ProcKind::net_receive:
                if (info_.net_receive) {
                    diags_.error(p.loc, "second NET_RECEIVE block", "a mechanism has at most one NET_RECEIVE block");
                    diags_.note(info_.net_receive->loc, "the first NET_RECEIVE block is here");
                } else {
                    info_.net_receive = &p;
                }
                return;
            case ProcKind::constructor: info_.constructor = &p; return;
            case ProcKind::destructor: info_.destructor = &p; return;
            case ProcKind::function:
            case ProcKind::procedure:
            case ProcKind::function_table: callable(p); return;
            case ProcKind::derivative:
            case ProcKind::kinetic:
            case ProcKind::linear:
            case ProcKind::nonlinear:
            case ProcKind::discrete: named_block(p); return;
            default: return;
        }
    }

    void callable(const ProcItem& p) {
        if (const Callable* previous = info_.find_callable(p.name.name)) {
            diags_.error(p.name.loc, "'" + p.name.name + "' is defined twice",
                         "rename one of the FUNCTION/PROCEDURE definitions");
            diags_.note(previous->item->name.loc, "the first definition is here");
            return;
        }
        if (const ProcItem* block = info_.find_block(p.name.name)) {
            diags_.error(p.name.loc, "'" + p.name.name + "' is already the name of a " +
                         to_string(block->proc) + " block", "rename one of them");
            return;
        }
        Variable probe;
        probe.name = p.name.name;
        probe.loc = p.name.loc;
        check_name(probe);
        Callable c;
        c.name = p.name.name;
        c.kind = p.proc == ProcKind::function ? CallableKind::function
                 : p.proc == ProcKind::procedure ? CallableKind::procedure : CallableKind::function_table;
        c.item = &p;
        c.arity = p.args.size();
        info_.callable_index.emplace(c.name, info_.callables.size());
        info_.callables.push_back(c);
    }

    void named_block(const ProcItem& p) {
        Variable probe;  // a block's name follows the rules of other names
        probe.name = p.name.name;
        probe.loc = p.name.loc;
        check_name(probe);
        // An index rather than a search of the earlier blocks: that was quadratic in the number of
        // blocks (a generated 2 MiB file of DERIVATIVE blocks took 30 s).
        if (!info_.named_block_index.emplace(p.name.name, &p).second)
            diags_.error(p.name.loc, "block name '" + p.name.name + "' is used twice", "rename one of the blocks");
    }

    // ---- NEURON block ----

    void mechanism_name() {
        std::vector<const SuffixDecl*> suffixes;
        for (const NeuronItem* n : neuron_blocks_)
            for (const SuffixDecl& s : n->suffixes) suffixes.push_back(&s);
        if (suffixes.empty()) {
            // nocmodl names such a mechanism after its file.
            info_.name = std::filesystem::path(module_.path).stem().string();
            info_.kind = MechanismKind::density;
            info_.loc = {module_.file, 1, 1};
            return;
        }
        info_.name = suffixes[0]->name.name;
        info_.kind = suffixes[0]->kind;
        info_.loc = suffixes[0]->loc;
        for (std::size_t i = 1; i < suffixes.size(); ++i)
            diags_.warning(suffixes[i]->loc, "mechanism already named '" + info_.name + "'; this name is ignored",
                           "a .mod file defines one mechanism: keep one SUFFIX, POINT_PROCESS or ARTIFICIAL_CELL");
        for (const NeuronItem* n : neuron_blocks_)
            if (!n->threadsafe.empty()) info_.threadsafe = true;
    }

    // A variable named in the NEURON block but declared nowhere: NEURON warns and its C build
    // then fails, so cornu declares it (as ASSIGNED) and warns.
    Variable* implicit(const Ident& ident, const char* why) {
        diags_.warning(ident.loc, "'" + ident.name + "' is not declared",
                       std::string("declare it in the ASSIGNED block (") + why + "); NEURON requires the declaration");
        Variable v = make(ident, VariableOrigin::assigned);
        return declare(std::move(v));
    }

    void neuron_lists(const NeuronItem& n) {
        for (const NameListDecl& list : n.lists) {
            for (const Ident& name : list.names) {
                Variable* v = info_.find(name.name);
                switch (list.kind) {
                    case NameListKind::nonspecific_current:
                    case NameListKind::electrode_current:
                        if (!v) v = implicit(name, "a current");
                        if (list.kind == NameListKind::nonspecific_current) v->nonspecific_current = true;
                        else v->electrode_current = true;
                        break;
                    case NameListKind::range:
                    case NameListKind::global:
                        if (!v) v = state_start_value(info_, name.name);
                        if (!v) {
                            diags_.warning(name.loc, std::string(to_string(list.kind)) + " names '" + name.name +
                                           "', which is not declared; it is ignored",
                                           "declare it in PARAMETER or ASSIGNED, or remove it from the list");
                            break;
                        }
                        mark_visibility(*v, list.kind == NameListKind::range, name);
                        break;
                    case NameListKind::pointer:
                    case NameListKind::bbcorepointer:
                        if (!v) v = implicit(name, "a POINTER");
                        v->storage = Storage::pointer;
                        v->origin = VariableOrigin::pointer;
                        break;
                    case NameListKind::external:
                        // nocmodl declares the name `extern double`, declared in this file or not.
                        if (!v) {
                            Variable ext = make(name, VariableOrigin::undeclared);
                            ext.storage = Storage::global;
                            declare(std::move(ext));
                        } else if (v->storage != Storage::builtin) {
                            v->origin = VariableOrigin::undeclared;
                            v->storage = Storage::global;
                        }
                        break;
                }
            }
        }
    }

    void mark_visibility(Variable& v, bool range, const Ident& where) {
        if (v.storage == Storage::builtin) {
            diags_.warning(where.loc, "'" + v.name + "' is a simulator variable; listing it here has no effect");
            return;
        }
        if (range) {
            if (v.global) diags_.error(where.loc, "'" + v.name + "' is listed both as RANGE and as GLOBAL", "keep one");
            v.range = true;
        } else {
            if (v.origin == VariableOrigin::state) {
                diags_.error(where.loc, "'" + v.name + "' is a STATE and cannot be GLOBAL",
                             "states belong to each instance; remove it from GLOBAL");
                return;
            }
            if (v.range) diags_.error(where.loc, "'" + v.name + "' is listed both as RANGE and as GLOBAL", "keep one");
            v.global = true;
        }
    }

    void ion_uses() {
        std::map<std::string, std::size_t> index;  // ion name -> position in info_.ions (a search was quadratic)
        for (const NeuronItem* n : neuron_blocks_) {
            for (const UseIonDecl& decl : n->ions) {
                IonUse* use = nullptr;
                if (auto it = index.find(decl.ion.name); it != index.end()) use = &info_.ions[it->second];
                if (use) {
                    diags_.warning(decl.loc, "ion '" + decl.ion.name + "' is used twice; the two USEIONs are merged");
                } else {
                    index.emplace(decl.ion.name, info_.ions.size());
                    info_.ions.push_back(IonUse{decl.ion.name, decl.loc, {}, {}, std::nullopt});
                    use = &info_.ions.back();
                }
                if (decl.read.empty() && decl.write.empty())
                    diags_.error(decl.loc, "USEION " + decl.ion.name + " has neither READ nor WRITE",
                                 "name the ion variables the mechanism uses, e.g. USEION " + decl.ion.name + " READ " +
                                 ion_variable_name(decl.ion.name, IonVariableKind::reversal) + " WRITE " +
                                 ion_variable_name(decl.ion.name, IonVariableKind::current));
                if (decl.valence) use->valence = decl.valence;
                ion_names(*use, decl, decl.read, false);
                ion_names(*use, decl, decl.write, true);
            }
        }
    }

    void ion_names(IonUse& use, const UseIonDecl& decl, const std::vector<Ident>& names, bool write) {
        for (const Ident& name : names) {
            std::optional<IonVariableKind> kind = ion_kind(decl.ion.name, name.name);
            if (!kind) {
                diags_.error(name.loc, "'" + name.name + "' is not a variable of ion " + decl.ion.name,
                             "an ion X has the variables eX, Xi, Xo and iX (here " +
                             ion_variable_name(decl.ion.name, IonVariableKind::reversal) + ", " +
                             ion_variable_name(decl.ion.name, IonVariableKind::conc_inside) + ", " +
                             ion_variable_name(decl.ion.name, IonVariableKind::conc_outside) + " and " +
                             ion_variable_name(decl.ion.name, IonVariableKind::current) + ")");
                continue;
            }
            Variable* v = info_.find(name.name);
            if (!v) v = implicit(name, std::string("a variable of ion " + decl.ion.name).c_str());
            if (!v->ion) v->ion = IonVariable{decl.ion.name, *kind, false, false};
            (write ? v->ion->written : v->ion->read) = true;
            auto& list = write ? use.write : use.read;
            if (std::find(list.begin(), list.end(), name.name) == list.end()) list.push_back(name.name);
            if (v->origin == VariableOrigin::parameter && v->value)
                diags_.warning(v->loc, "the default of ion variable " + v->name + " is ignored: the ion sets it",
                               "set the ion's value for the cell instead");
        }
    }

    void current_order() {
        struct Named {
            SourceLocation loc;
            std::string name;
        };
        std::vector<Named> named;
        for (const NeuronItem* n : neuron_blocks_) {
            for (const NameListDecl& list : n->lists)
                if (list.kind == NameListKind::nonspecific_current || list.kind == NameListKind::electrode_current)
                    for (const Ident& name : list.names) named.push_back({name.loc, name.name});
            for (const UseIonDecl& ion : n->ions)
                for (const Ident& name : ion.write)
                    if (name.name == ion_variable_name(ion.ion.name, IonVariableKind::current))
                        named.push_back({name.loc, name.name});
        }
        std::stable_sort(named.begin(), named.end(), [](const Named& a, const Named& b) {
            return a.loc.file != b.loc.file ? a.loc.file < b.loc.file
                   : a.loc.line != b.loc.line ? a.loc.line < b.loc.line : a.loc.column < b.loc.column;
        });
        std::set<std::string> seen;  // not a search of info_.currents: quadratic in the names listed
        for (const Named& n : named)
            if (seen.insert(n.name).second) info_.currents.push_back(n.name);
    }

    // ---- storage (NEURON_SEMANTICS §H) ----

    void storage() {
        for (Variable& v : info_.variables) {
            if (v.storage == Storage::builtin || v.storage == Storage::pointer ||
                v.storage == Storage::constant)
                continue;
            switch (v.origin) {
                case VariableOrigin::parameter:
                    v.storage = v.range || v.ion ? Storage::range : Storage::global;
                    break;
                case VariableOrigin::assigned:
                    v.storage = v.global && !v.ion && !v.is_current() ? Storage::global : Storage::range;
                    break;
                case VariableOrigin::state:
                    v.storage = Storage::range;
                    break;
                case VariableOrigin::top_local:
                case VariableOrigin::undeclared:
                    v.storage = Storage::global;
                    break;
                default:
                    break;
            }
            if (v.is_current() || v.origin == VariableOrigin::state) v.range = true;
        }
    }

    const Module& module_;
    MechanismInfo& info_;
    DiagnosticEngine& diags_;
    std::vector<const NeuronItem*> neuron_blocks_;
    UnitTable unit_table_;
};

}  // namespace

void collect_declarations(const Module& module, MechanismInfo& info, DiagnosticEngine& diags) {
    DeclarationCollector(module, info, diags).run();
}

Variable* state_start_value(MechanismInfo& info, const std::string& name) {
    if (name.size() < 2 || name.back() != '0') return nullptr;
    const Variable* state = info.find(name.substr(0, name.size() - 1));
    if (!state || state->origin != VariableOrigin::state) return nullptr;
    if (Variable* declared = info.find(name)) return declared;
    Variable v;
    v.name = name;
    v.loc = state->loc;
    v.origin = VariableOrigin::parameter;
    v.storage = Storage::global;
    v.value = 0.0;
    v.value_text = "0";
    v.unit = state->unit;
    info.variable_index[name] = info.variables.size();
    info.variables.push_back(std::move(v));
    return &info.variables.back();
}

}  // namespace cornu::nmodl
