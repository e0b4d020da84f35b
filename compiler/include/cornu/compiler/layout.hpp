// The data layout of a compiled mechanism: which per-instance arrays ("fields") and globals it
// has, in what order, with which defaults, and which ions and kernels. The runtime allocates
// storage from this description and the code generator addresses storage through it, so the
// two always agree. It is plain data: the JIT cache stores it next to the object code.
#pragma once

#include "cornu/compiler/analysis.hpp"

#include <optional>
#include <string>
#include <vector>

namespace cornu {

enum class FieldRole {
    parameter,  // RANGE PARAMETER
    assigned,   // ASSIGNED (visible if RANGE)
    state,      // STATE
    ion,        // instance copy of an ion variable (ena, cai, ...)
    current,    // a current the mechanism computes (ina, il, i)
    internal    // bookkeeping the kernels need (_g, _rhs, ...)
};

struct FieldInfo {
    std::string variable;  // NMODL name (for arrays, the array's name)
    int element = 0;       // index within an array variable
    int array_size = 0;    // 0 for scalars
    FieldRole role = FieldRole::assigned;
    double default_value = 0;
    bool visible = false;  // RANGE/STATE: readable and settable by the user

    std::string display_name() const;  // "m", "ca[3]"
};

struct GlobalInfo {
    std::string variable;
    int element = 0;
    int array_size = 0;
    double default_value = 0;
    bool visible = true;  // PARAMETER/GLOBAL; false for file-scope LOCALs and internals
    std::string display_name() const;
};

// How a mechanism uses an ion; the runtime derives NEURON's ion style from all users of an ion.
struct IonInfo {
    std::string name;
    bool reads_reversal = false, writes_reversal = false;
    bool reads_conc_inside = false, writes_conc_inside = false;
    bool reads_conc_outside = false, writes_conc_outside = false;
    bool reads_current = false, writes_current = false;
    std::optional<double> valence;
};

// A TABLE's storage: a built flag, the DEPEND values it was built with, lo and 1/dx, then
// (with + 1) values per output. The runtime allocates it zeroed; the table kernel fills it.
struct TableInfo {
    std::string function;
    int outputs = 1;
    long with = 0;
    int depends = 0;
    std::size_t storage_size() const {
        return 3 + static_cast<std::size_t>(depends) + static_cast<std::size_t>(with + 1) * static_cast<std::size_t>(outputs);
    }
};

// A FUNCTION_TABLE: kernels call cornu_rt_function_table with its index in
// MechanismLayout::function_tables; the simulator holds the values the user gave.
struct FunctionTableInfo {
    std::string name;
    int arity = 0;
};

struct WatchInfo {
    int clause = 0;  // index used by cornu_rt_watch and the watch-value kernel
    double flag = 0;
};

struct MechanismLayout {
    std::string name;
    nmodl::MechanismKind kind = nmodl::MechanismKind::density;
    std::vector<FieldInfo> fields;
    std::vector<GlobalInfo> globals;
    std::vector<IonInfo> ions;
    std::vector<TableInfo> tables;
    std::vector<FunctionTableInfo> function_tables;
    std::vector<WatchInfo> watches;

    bool has_currents = false;
    bool electrode_current = false;     // ELECTRODE_CURRENT: RHS += I, D -= g
    bool writes_concentration = false;  // such mechanisms run first (NEURON's memb order)
    bool has_state_kernel = false;
    bool has_net_receive = false;
    bool has_net_initial = false;
    int net_receive_args = 0;
    bool uses_random = false;
    bool uses_play_time = false;

    // Indices of fields/globals by NMODL name (element 0 for scalars); -1 if absent.
    int field(const std::string& variable, int element = 0) const;
    int global(const std::string& variable, int element = 0) const;
    int ion(const std::string& name) const;
};

// Builds the layout of an analysed mechanism (no errors expected at this point).
MechanismLayout make_layout(const nmodl::MechanismInfo& info);

// NEURON prints PARAMETER defaults with %g, so they carry 6 significant digits (§H).
double neuron_parameter_default(double value);

// A stable text form of the layout, for the JIT cache and for tests.
std::string serialise(const MechanismLayout& layout);
std::optional<MechanismLayout> deserialise_layout(const std::string& text);

// Names of the internal fields.
inline constexpr const char* field_conductance = "_g";
inline constexpr const char* field_current = "_rhs";
inline constexpr const char* field_event_time = "_tsav";
std::string field_ion_current(const std::string& ion);      // "_i_na": this instance's i_na
std::string field_ion_conductance(const std::string& ion);  // "_di_na": its di_na/dv

}  // namespace cornu
