// Builds a mechanism's data layout from its analysis, and its text form for the JIT cache.
#include "cornu/compiler/layout.hpp"

#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace cornu {

using namespace nmodl;

std::string FieldInfo::display_name() const {
    return array_size ? variable + "[" + std::to_string(element) + "]" : variable;
}

std::string GlobalInfo::display_name() const {
    return array_size ? variable + "[" + std::to_string(element) + "]" : variable;
}

int MechanismLayout::field(const std::string& variable, int element) const {
    for (std::size_t i = 0; i < fields.size(); ++i)
        if (fields[i].variable == variable && fields[i].element == element) return static_cast<int>(i);
    return -1;
}

int MechanismLayout::global(const std::string& variable, int element) const {
    for (std::size_t i = 0; i < globals.size(); ++i)
        if (globals[i].variable == variable && globals[i].element == element) return static_cast<int>(i);
    return -1;
}

int MechanismLayout::ion(const std::string& ion_name) const {
    for (std::size_t i = 0; i < ions.size(); ++i)
        if (ions[i].name == ion_name) return static_cast<int>(i);
    return -1;
}

std::string field_ion_current(const std::string& ion) { return "_i_" + ion; }
std::string field_ion_conductance(const std::string& ion) { return "_di_" + ion; }

double neuron_parameter_default(double value) {
    char text[64];
    std::snprintf(text, sizeof text, "%g", value);
    return std::strtod(text, nullptr);
}

namespace {

FieldRole role_of(const Variable& v) {
    if (v.is_current()) return FieldRole::current;
    if (v.ion) return FieldRole::ion;
    switch (v.origin) {
        case VariableOrigin::parameter: return FieldRole::parameter;
        case VariableOrigin::state: return FieldRole::state;
        default: return FieldRole::assigned;
    }
}

void add_ion_use(MechanismLayout& layout, const IonUse& use) {
    IonInfo ion;
    ion.name = use.name;
    ion.valence = use.valence;
    ion.reads_reversal = use.reads(IonVariableKind::reversal);
    ion.writes_reversal = use.writes(IonVariableKind::reversal);
    ion.reads_conc_inside = use.reads(IonVariableKind::conc_inside);
    ion.writes_conc_inside = use.writes(IonVariableKind::conc_inside);
    ion.reads_conc_outside = use.reads(IonVariableKind::conc_outside);
    ion.writes_conc_outside = use.writes(IonVariableKind::conc_outside);
    ion.reads_current = use.reads(IonVariableKind::current);
    ion.writes_current = use.writes(IonVariableKind::current);
    if (ion.writes_conc_inside || ion.writes_conc_outside) layout.writes_concentration = true;
    layout.ions.push_back(ion);
}

void add_internal_field(MechanismLayout& layout, const std::string& name) {
    FieldInfo f;
    f.variable = name;
    f.role = FieldRole::internal;
    layout.fields.push_back(f);
}

}  // namespace

MechanismLayout make_layout(const MechanismInfo& info) {
    MechanismLayout layout;
    layout.name = info.name;
    layout.kind = info.kind;
    for (const Variable& v : info.variables) {
        int count = v.array_size ? v.array_size : 1;
        double value = v.value ? *v.value : 0.0;
        if (v.origin == VariableOrigin::parameter) value = neuron_parameter_default(value);
        if (v.storage == Storage::range) {
            for (int e = 0; e < count; ++e) {
                FieldInfo f;
                f.variable = v.name;
                f.element = e;
                f.array_size = v.array_size;
                f.role = role_of(v);
                f.default_value = f.role == FieldRole::parameter ? value : 0.0;
                f.visible = v.range || v.origin == VariableOrigin::state;
                layout.fields.push_back(f);
            }
        } else if (v.storage == Storage::global) {
            for (int e = 0; e < count; ++e) {
                GlobalInfo g;
                g.variable = v.name;
                g.element = e;
                g.array_size = v.array_size;
                g.default_value = value;
                g.visible = v.origin == VariableOrigin::parameter || v.global;
                layout.globals.push_back(g);
            }
        }
    }
    for (const IonUse& use : info.ions) add_ion_use(layout, use);

    layout.has_currents = info.has_currents();
    for (const Variable& v : info.variables)
        if (v.electrode_current) layout.electrode_current = true;
    if (layout.has_currents) {
        add_internal_field(layout, field_conductance);
        add_internal_field(layout, field_current);
        for (const IonInfo& ion : layout.ions) {
            if (!ion.writes_current) continue;
            add_internal_field(layout, field_ion_current(ion.name));
            add_internal_field(layout, field_ion_conductance(ion.name));
        }
    }
    if (info.net_receive) {
        layout.has_net_receive = true;
        layout.has_net_initial = info.has_net_initial;
        layout.net_receive_args = static_cast<int>(info.net_receive->args.size());
        add_internal_field(layout, field_event_time);
    }
    for (const Callable& c : info.callables)
        if (c.kind == CallableKind::function_table)
            layout.function_tables.push_back({c.name, static_cast<int>(c.arity)});
    bool any_table = false;
    for (const Callable& c : info.callables) {
        if (!c.table) continue;
        any_table = true;
        TableInfo t;
        t.function = c.name;
        t.outputs = c.kind == CallableKind::function ? 1 : static_cast<int>(c.table->tabled.size());
        t.with = c.table->with;
        t.depends = static_cast<int>(c.table->depends.size());
        layout.tables.push_back(t);
    }
    if (any_table) layout.globals.push_back({"usetable", 0, 0, 1.0, true});
    layout.has_state_kernel = !info.solves.empty();
    return layout;
}

// ---------------------------------------------------------------------------------------------
// Text form: one record per line, fields separated by spaces; numbers with 17 digits.
// ---------------------------------------------------------------------------------------------

namespace {

const char* role_name(FieldRole r) {
    switch (r) {
        case FieldRole::parameter: return "parameter";
        case FieldRole::assigned: return "assigned";
        case FieldRole::state: return "state";
        case FieldRole::ion: return "ion";
        case FieldRole::current: return "current";
        case FieldRole::internal: return "internal";
    }
    return "assigned";
}

std::optional<FieldRole> role_from(const std::string& s) {
    for (FieldRole r : {FieldRole::parameter, FieldRole::assigned, FieldRole::state, FieldRole::ion,
                        FieldRole::current, FieldRole::internal})
        if (s == role_name(r)) return r;
    return std::nullopt;
}

std::string number(double v) {
    char text[64];
    std::snprintf(text, sizeof text, "%.17g", v);
    return text;
}

}  // namespace

std::string serialise(const MechanismLayout& l) {
    std::ostringstream out;
    out << "cornu-layout 1\n";
    out << "name " << l.name << "\n";
    out << "kind " << static_cast<int>(l.kind) << "\n";
    out << "flags " << l.has_currents << ' ' << l.electrode_current << ' ' << l.writes_concentration << ' '
        << l.has_state_kernel << ' ' << l.has_net_receive << ' ' << l.has_net_initial << ' '
        << l.net_receive_args << ' ' << l.uses_random << ' ' << l.uses_play_time << "\n";
    for (const FieldInfo& f : l.fields)
        out << "field " << f.variable << ' ' << f.element << ' ' << f.array_size << ' ' << role_name(f.role) << ' '
            << number(f.default_value) << ' ' << f.visible << "\n";
    for (const GlobalInfo& g : l.globals)
        out << "global " << g.variable << ' ' << g.element << ' ' << g.array_size << ' ' << number(g.default_value)
            << ' ' << g.visible << "\n";
    for (const IonInfo& i : l.ions)
        out << "ion " << i.name << ' ' << i.reads_reversal << i.writes_reversal << i.reads_conc_inside
            << i.writes_conc_inside << i.reads_conc_outside << i.writes_conc_outside << i.reads_current
            << i.writes_current << ' ' << (i.valence ? number(*i.valence) : std::string("none")) << "\n";
    for (const TableInfo& t : l.tables)
        out << "table " << t.function << ' ' << t.outputs << ' ' << t.with << ' ' << t.depends << "\n";
    for (const FunctionTableInfo& f : l.function_tables) out << "function_table " << f.name << ' ' << f.arity << "\n";
    for (const WatchInfo& w : l.watches) out << "watch " << w.clause << ' ' << number(w.flag) << "\n";
    out << "end\n";
    return out.str();
}

std::optional<MechanismLayout> deserialise_layout(const std::string& text) {
    std::istringstream in(text);
    std::string line, word;
    MechanismLayout l;
    if (!std::getline(in, line) || line != "cornu-layout 1") return std::nullopt;
    bool ended = false;
    while (std::getline(in, line)) {
        std::istringstream s(line);
        s >> word;
        if (word == "name") {
            s >> l.name;
        } else if (word == "kind") {
            int k = 0;
            s >> k;
            l.kind = static_cast<MechanismKind>(k);
        } else if (word == "flags") {
            s >> l.has_currents >> l.electrode_current >> l.writes_concentration >> l.has_state_kernel >>
                l.has_net_receive >> l.has_net_initial >> l.net_receive_args >> l.uses_random >> l.uses_play_time;
        } else if (word == "field") {
            FieldInfo f;
            std::string role, value;
            s >> f.variable >> f.element >> f.array_size >> role >> value >> f.visible;
            auto r = role_from(role);
            if (!r) return std::nullopt;
            f.role = *r;
            f.default_value = std::strtod(value.c_str(), nullptr);
            l.fields.push_back(f);
        } else if (word == "global") {
            GlobalInfo g;
            std::string value;
            s >> g.variable >> g.element >> g.array_size >> value >> g.visible;
            g.default_value = std::strtod(value.c_str(), nullptr);
            l.globals.push_back(g);
        } else if (word == "ion") {
            IonInfo i;
            std::string bits, valence;
            s >> i.name >> bits >> valence;
            if (bits.size() != 8) return std::nullopt;
            bool* flags[] = {&i.reads_reversal, &i.writes_reversal, &i.reads_conc_inside, &i.writes_conc_inside,
                             &i.reads_conc_outside, &i.writes_conc_outside, &i.reads_current, &i.writes_current};
            for (int k = 0; k < 8; ++k) *flags[k] = bits[static_cast<std::size_t>(k)] == '1';
            if (valence != "none") i.valence = std::strtod(valence.c_str(), nullptr);
            l.ions.push_back(i);
        } else if (word == "table") {
            TableInfo t;
            s >> t.function >> t.outputs >> t.with >> t.depends;
            l.tables.push_back(t);
        } else if (word == "function_table") {
            FunctionTableInfo f;
            s >> f.name >> f.arity;
            l.function_tables.push_back(f);
        } else if (word == "watch") {
            WatchInfo w;
            std::string value;
            s >> w.clause >> value;
            w.flag = std::strtod(value.c_str(), nullptr);
            l.watches.push_back(w);
        } else if (word == "end") {
            ended = true;
            break;
        } else {
            return std::nullopt;
        }
        if (s.fail()) return std::nullopt;
    }
    if (!ended) return std::nullopt;
    return l;
}

}  // namespace cornu
