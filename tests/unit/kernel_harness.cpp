#include "kernel_harness.hpp"

#include <sstream>

namespace cornu::test {

HookLog& hook_log() {
    static HookLog log;
    return log;
}

namespace {

extern "C" {
void test_net_send(void*, int32_t, int64_t i, double* w, double time, double flag) {
    hook_log().sends.push_back({i, time, flag, w});
}
void test_net_event(void*, int32_t, int64_t i, double time) { hook_log().events.push_back({i, time}); }
void test_net_move(void*, int32_t, int64_t i, double time) { hook_log().moves.push_back({i, time}); }
void test_watch(void*, int32_t, int64_t, int32_t clause, double flag) { hook_log().watches.push_back({clause, flag}); }
int64_t test_netcon_count(void*, int32_t, int64_t) { return static_cast<int64_t>(hook_log().netcons.size()); }
double* test_netcon_weights(void*, int32_t, int64_t, int64_t k) { return hook_log().netcons[static_cast<std::size_t>(k)].data(); }
double test_random(void*, int32_t, int64_t i, int32_t kind, double a, double b) { return 1000.0 * kind + 10.0 * i + a + b; }
double test_play_time(void*, int32_t, int64_t, double index) {
    auto& times = hook_log().play_times;
    auto k = static_cast<std::size_t>(index);
    return k < times.size() ? times[k] : -1.0;
}
void test_solver_failed(void*, int32_t, int64_t, int32_t) { ++hook_log().solver_failures; }
double test_function_table(void*, int32_t, int32_t table, int32_t n, const double* args) {
    hook_log().function_table_calls.push_back(table);
    return hook_log().function_tables.at(static_cast<std::size_t>(table))(args, n);
}
}

}  // namespace

std::vector<HostSymbol> test_hooks() {
    return {
        {"cornu_rt_net_send", reinterpret_cast<void*>(&test_net_send)},
        {"cornu_rt_net_event", reinterpret_cast<void*>(&test_net_event)},
        {"cornu_rt_net_move", reinterpret_cast<void*>(&test_net_move)},
        {"cornu_rt_watch", reinterpret_cast<void*>(&test_watch)},
        {"cornu_rt_netcon_count", reinterpret_cast<void*>(&test_netcon_count)},
        {"cornu_rt_netcon_weights", reinterpret_cast<void*>(&test_netcon_weights)},
        {"cornu_rt_random", reinterpret_cast<void*>(&test_random)},
        {"cornu_rt_play_time", reinterpret_cast<void*>(&test_play_time)},
        {"cornu_rt_solver_failed", reinterpret_cast<void*>(&test_solver_failed)},
        {"cornu_rt_function_table", reinterpret_cast<void*>(&test_function_table)},
    };
}

MechanismCompiler& test_compiler(bool exact_math) {
    auto make = [](bool exact) {
        CompileOptions options;
        options.exact_math = exact;
        options.use_cache = false;
        return std::make_unique<MechanismCompiler>(options, test_hooks());
    };
    static std::unique_ptr<MechanismCompiler> fast = make(false);
    static std::unique_ptr<MechanismCompiler> exact = make(true);
    return exact_math ? *exact : *fast;
}

namespace {

CompiledMechanism compile_for_test(const std::string& mod_text, bool exact_math) {
    SourceManager sources;
    DiagnosticEngine diags(sources);
    auto compiled = test_compiler(exact_math).compile_text("test.mod", mod_text, sources, diags);
    if (!compiled) throw std::runtime_error("compilation failed:\n" + diags.render_to_string());
    return std::move(*compiled);
}

}  // namespace

Harness::Harness(const std::string& mod_text, std::size_t instances, bool exact_math)
    : Harness(compile_for_test(mod_text, exact_math), instances) {}

Harness::Harness(CompiledMechanism mechanism, std::size_t instances) {
    mechanism_ = std::move(mechanism);
    storage_ = std::make_unique<runtime::MechanismStorage>(mechanism_.layout, instances);
    v.assign(instances, -65.0);
    rhs.assign(instances, 0.0);
    d.assign(instances, 0.0);
    area.assign(instances, 100.0);
    diam.assign(instances, 1.0);
    for (std::size_t i = 0; i < instances; ++i) node_index_.push_back(static_cast<std::int32_t>(i));
    for (const IonInfo& info : mechanism_.layout.ions) {
        Ion ion;
        double e = info.name == "na" ? 50 : info.name == "k" ? -77 : info.name == "ca" ? 132.45793416370091 : 0;
        double ci = info.name == "na" ? 10 : info.name == "k" ? 54.4 : info.name == "ca" ? 5e-5 : 1;
        double co = info.name == "na" ? 140 : info.name == "k" ? 2.5 : info.name == "ca" ? 2 : 1;
        ion.reversal.assign(instances, e);
        ion.inside.assign(instances, ci);
        ion.outside.assign(instances, co);
        ion.current.assign(instances, 0);
        ion.conductance.assign(instances, 0);
        for (std::size_t i = 0; i < instances; ++i) ion.index.push_back(static_cast<std::int32_t>(i));
        ions.push_back(std::move(ion));
    }
    data_.dt = 0.025;
    data_.celsius = 6.3;
    bind();
}

Harness::Ion& Harness::ion(const std::string& name) {
    int i = mechanism_.layout.ion(name);
    if (i < 0) throw std::runtime_error("no ion " + name);
    return ions[static_cast<std::size_t>(i)];
}

double& Harness::field(const std::string& name, std::size_t instance, int element) {
    double* base = storage_->field(name, element);
    if (!base) throw std::runtime_error("no field " + name);
    return base[instance];
}

double& Harness::global(const std::string& name, int element) {
    double* g = storage_->global(name, element);
    if (!g) throw std::runtime_error("no global " + name);
    return *g;
}

void Harness::bind() {
    storage_->bind(data_);
    data_.node_index = node_index_.data();
    data_.node_v = v.data();
    data_.node_rhs = rhs.data();
    data_.node_d = d.data();
    data_.node_area = area.data();
    data_.node_diam = diam.data();
    ion_data_.clear();
    ion_index_.clear();
    for (std::size_t k = 0; k < ions.size(); ++k) {
        Ion& ion = ions[k];
        double valence = mechanism_.layout.ions[k].valence.value_or(1.0);
        ion_data_.push_back({ion.reversal.data(), ion.inside.data(), ion.outside.data(), ion.current.data(),
                             ion.conductance.data(), valence});
        ion_index_.push_back(ion.index.data());
    }
    data_.ions = ion_data_.data();
    data_.ion_index = ion_index_.data();
}

void Harness::place_on_nodes(std::int32_t first_node, std::int32_t first_ion, bool contiguous) {
    // Existing entries move up by `first`; the new ones in front take the first entry's value.
    auto grow = [](std::vector<double>& a, std::int32_t first) {
        a.insert(a.begin(), static_cast<std::size_t>(first), a.empty() ? 0.0 : a.front());
    };
    for (auto* a : {&v, &rhs, &d, &area, &diam}) grow(*a, first_node);
    for (std::size_t i = 0; i < node_index_.size(); ++i) node_index_[i] = first_node + static_cast<std::int32_t>(i);
    for (Ion& ion : ions) {
        for (auto* a : {&ion.reversal, &ion.inside, &ion.outside, &ion.current, &ion.conductance}) grow(*a, first_ion);
        for (std::size_t i = 0; i < ion.index.size(); ++i) ion.index[i] = first_ion + static_cast<std::int32_t>(i);
    }
    data_.contiguous = contiguous ? 1 : 0;
}

void Harness::init() {
    bind();
    if (mechanism_.table) mechanism_.table(&data_);
    mechanism_.init(&data_);
}
void Harness::current() {
    bind();
    if (mechanism_.table) mechanism_.table(&data_);
    if (mechanism_.current) mechanism_.current(&data_);
}
void Harness::jacob() {
    bind();
    if (mechanism_.jacob) mechanism_.jacob(&data_);
}
void Harness::state() {
    bind();
    if (mechanism_.state) mechanism_.state(&data_);
}
void Harness::tables() {
    bind();
    if (mechanism_.table) mechanism_.table(&data_);
}
void Harness::net_receive(std::int64_t instance, double* weights, double flag, double time) {
    bind();
    data_.t = time;
    mechanism_.net_receive(&data_, instance, weights, flag);
}
void Harness::net_init(std::int64_t instance, double* weights) {
    bind();
    mechanism_.net_init(&data_, instance, weights);
}
double Harness::watch(std::int64_t instance, int clause) {
    bind();
    return mechanism_.watch(&data_, instance, clause);
}

}  // namespace cornu::test
