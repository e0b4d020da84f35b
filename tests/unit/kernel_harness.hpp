// Compiles a mechanism from text and runs its kernels on a handful of instances, each on its own
// node, with node and ion arrays owned by the harness. Runtime hooks record what kernels ask for.
#pragma once

#include "cornu/compiler/compiler.hpp"
#include "cornu/compiler/function_table.hpp"
#include "cornu/runtime/mechanism_storage.hpp"

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace cornu::test {

// What the kernels asked the runtime for.
struct HookLog {
    struct Send {
        std::int64_t instance;
        double time, flag;
        double* weights;
    };
    std::vector<Send> sends;
    std::vector<std::pair<std::int64_t, double>> events;  // net_event
    std::vector<std::pair<std::int64_t, double>> moves;   // net_move
    std::vector<std::pair<int, double>> watches;          // clause, flag
    std::vector<std::vector<double>> netcons;             // weight vectors FOR_NETCONS visits
    std::vector<double> play_times;
    int solver_failures = 0;
    std::vector<FunctionTable> function_tables;  // [layout function table]: what lookups read
    std::vector<int> function_table_calls;       // the table index of each lookup
    void clear() { *this = HookLog{}; }
};

HookLog& hook_log();
std::vector<HostSymbol> test_hooks();

// One compiler per process (creating LLJIT instances is cheap, but there is no need).
MechanismCompiler& test_compiler(bool exact_math);

class Harness {
public:
    Harness(const std::string& mod_text, std::size_t instances, bool exact_math = false);
    // Over a mechanism compiled elsewhere (e.g. by a compiler with a cache).
    Harness(CompiledMechanism mechanism, std::size_t instances);

    const CompiledMechanism& mechanism() const { return mechanism_; }
    runtime::MechanismStorage& storage() { return *storage_; }
    cornu_mech_data& data() { return data_; }

    double& field(const std::string& name, std::size_t instance, int element = 0);
    double& global(const std::string& name, int element = 0);

    std::vector<double> v, rhs, d, area, diam;
    struct Ion {
        std::vector<double> reversal, inside, outside, current, conductance;
        std::vector<std::int32_t> index;
    };
    std::vector<Ion> ions;  // in the layout's ion order
    Ion& ion(const std::string& name);

    // Moves instance i to node `first_node` + i and, for every ion, to ion node `first_ion` + i
    // (the node and ion arrays grow in front), and sets cornu_mech_data.contiguous to
    // `contiguous`, which the kernels may trust.
    void place_on_nodes(std::int32_t first_node, std::int32_t first_ion, bool contiguous);

    void init();
    void current();
    void jacob();
    void state();
    void tables();
    void net_receive(std::int64_t instance, double* weights, double flag, double time);
    void net_init(std::int64_t instance, double* weights);
    double watch(std::int64_t instance, int clause);

private:
    void bind();

    CompiledMechanism mechanism_;
    std::unique_ptr<runtime::MechanismStorage> storage_;
    cornu_mech_data data_{};
    std::vector<std::int32_t> node_index_;
    std::vector<cornu_ion_data> ion_data_;
    std::vector<const std::int32_t*> ion_index_;
};

}  // namespace cornu::test
