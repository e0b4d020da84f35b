#include "runtime_hooks.hpp"

#include "cornu/compiler/runtime_hooks.h"

namespace cornu::runtime {

namespace {
HookTarget& target(void* rt) { return *static_cast<HookTarget*>(rt); }
}  // namespace

extern "C" {

void cornu_rt_net_send(void* rt, int32_t mech, int64_t instance, double* weights, double time, double flag) {
    target(rt).net_send(mech, instance, weights, time, flag);
}
void cornu_rt_net_event(void* rt, int32_t mech, int64_t instance, double time) {
    target(rt).net_event(mech, instance, time);
}
void cornu_rt_net_move(void* rt, int32_t mech, int64_t instance, double time) {
    target(rt).net_move(mech, instance, time);
}
void cornu_rt_watch(void* rt, int32_t mech, int64_t instance, int32_t clause, double flag) {
    target(rt).watch(mech, instance, clause, flag);
}
int64_t cornu_rt_netcon_count(void* rt, int32_t mech, int64_t instance) {
    return target(rt).netcon_count(mech, instance);
}
double* cornu_rt_netcon_weights(void* rt, int32_t mech, int64_t instance, int64_t k) {
    return target(rt).netcon_weights(mech, instance, k);
}
double cornu_rt_random(void* rt, int32_t mech, int64_t instance, int32_t kind, double a, double b) {
    return target(rt).random(mech, instance, kind, a, b);
}
void cornu_rt_set_seed(void* rt, int32_t mech, int64_t instance, double seed) {
    target(rt).set_seed(mech, instance, seed);
}
double cornu_rt_play_time(void* rt, int32_t mech, int64_t instance, double index) {
    return target(rt).play_time(mech, instance, index);
}
void cornu_rt_solver_failed(void* rt, int32_t mech, int64_t instance, int32_t code) {
    target(rt).solver_failed(mech, instance, code);
}
double cornu_rt_function_table(void* rt, int32_t mech, int32_t table, int32_t n, const double* args) {
    return target(rt).function_table(mech, table, n, args);
}

}  // extern "C"

std::vector<HostSymbol> runtime_host_symbols() {
    return {
        {"cornu_rt_net_send", reinterpret_cast<void*>(&cornu_rt_net_send)},
        {"cornu_rt_net_event", reinterpret_cast<void*>(&cornu_rt_net_event)},
        {"cornu_rt_net_move", reinterpret_cast<void*>(&cornu_rt_net_move)},
        {"cornu_rt_watch", reinterpret_cast<void*>(&cornu_rt_watch)},
        {"cornu_rt_netcon_count", reinterpret_cast<void*>(&cornu_rt_netcon_count)},
        {"cornu_rt_netcon_weights", reinterpret_cast<void*>(&cornu_rt_netcon_weights)},
        {"cornu_rt_random", reinterpret_cast<void*>(&cornu_rt_random)},
        {"cornu_rt_set_seed", reinterpret_cast<void*>(&cornu_rt_set_seed)},
        {"cornu_rt_play_time", reinterpret_cast<void*>(&cornu_rt_play_time)},
        {"cornu_rt_solver_failed", reinterpret_cast<void*>(&cornu_rt_solver_failed)},
        {"cornu_rt_function_table", reinterpret_cast<void*>(&cornu_rt_function_table)},
    };
}

}  // namespace cornu::runtime
