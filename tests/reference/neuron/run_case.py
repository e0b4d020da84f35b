#!/usr/bin/env python3
"""Run one cornu reference case in NEURON 8.2 and write its reference results.

Usage:  /usr/bin/python3 tests/reference/neuron/run_case.py CASE.yaml OUTDIR

The case format is specified in tests/reference/README.md. This script builds the case in NEURON
exactly as specified, initialises with h.finitialize(v_init), steps with h.fadvance() while
t < tstop - dt/2 (never h.run(): stdrun's setdt() may silently change dt), records every step with
Vector.record, subsamples, and writes
    OUTDIR/traces.csv   t,<columns>     every value printed with %.17g (round-trips exactly)
    OUTDIR/spikes.csv   name,time       %.17g, grouped by recorder in case order
    OUTDIR/meta.yaml    NEURON version, steps, node count, columns, wall time, ...

A cell is given inline (`sections:`) or as `template: PATH` (relative to the case file): a YAML file
with optional `name` and `description` and a `sections` list in exactly the inline syntax, read by
the same rules (unknown keys are errors in the template too). The case's cell `name` wins over the
template's.

Extra .mod files (the case's `mechanisms:` list, plus this folder's mod/vecstim.mod when the case
uses VecStim) are compiled with Debian's nrnivmodl through a fake NRNHOME (Debian's nrnivmodl
looks for its makefile and libraries in the wrong places) into a cache folder under
$CORNU_NEURON_BUILD (default: <repo>/build/neuron-ref, git-ignored) and loaded with
h.nrn_load_dll. Only /usr/bin/python3 has NEURON (python3-neuron); needs python3-yaml.
"""

import argparse
import hashlib
import math
import os
import re
import shutil
import subprocess
import sys
import time

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
VECSTIM_MOD = os.path.join(HERE, "mod", "vecstim.mod")
VECSTIM_NMAX = 10000  # DEFINE NMAX in mod/vecstim.mod
FORMAT_VERSION = 1


class CaseError(Exception):
    pass


# --------------------------------------------------------------------------------------------
# Reading and checking the case file
# --------------------------------------------------------------------------------------------

def _keys(obj, where, required=(), optional=()):
    if not isinstance(obj, dict):
        raise CaseError(f"{where}: expected a mapping, got {type(obj).__name__}")
    missing = [k for k in required if k not in obj]
    if missing:
        raise CaseError(f"{where}: missing required key(s) {missing}")
    unknown = [k for k in obj if k not in required and k not in optional]
    if unknown:
        raise CaseError(f"{where}: unknown key(s) {unknown}; allowed: {list(required) + list(optional)}")


_NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")


def _num(v, where):
    # PyYAML (YAML 1.1) reads 1e9 and 1.0e9 as strings (it wants a dot and a signed exponent);
    # accept any plain decimal number so that cases mean the same to YAML 1.2 readers.
    if isinstance(v, str) and _NUMBER.match(v.strip()):
        return float(v)
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise CaseError(f"{where}: expected a number, got {v!r}")
    return float(v)


def _name(v, where):
    if not isinstance(v, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", v):
        raise CaseError(f"{where}: expected an identifier, got {v!r}")
    return v


def fmt_x(x):
    """How a position appears in default column names: C's %g."""
    return "%g" % x


def load_case(path):
    with open(path) as f:
        case = yaml.safe_load(f)
    _keys(case, path, required=("name", "simulation", "cells"),
          optional=("format", "description", "mechanisms", "globals", "function_tables", "point_processes",
                    "artificial_cells", "netcons", "record"))
    if case.get("format", FORMAT_VERSION) != FORMAT_VERSION:
        raise CaseError(f"{path}: format {case['format']} not supported (this runner reads {FORMAT_VERSION})")
    _name(case["name"], "name")
    sim = case["simulation"]
    _keys(sim, "simulation", required=("dt", "tstop"), optional=("celsius", "v_init", "secondorder"))
    for k in sim:
        _num(sim[k], f"simulation.{k}")
    if sim.get("secondorder", 0) not in (0, 1, 2):
        raise CaseError("simulation.secondorder must be 0, 1 or 2")
    for k in ("mechanisms", "point_processes", "artificial_cells", "netcons", "cells"):
        if not isinstance(case.get(k, []) or [], list):
            raise CaseError(f"{k}: expected a list")
    return case


# --------------------------------------------------------------------------------------------
# Compiling extra mechanisms with Debian's nrnivmodl
# --------------------------------------------------------------------------------------------

def fake_nrnhome(build_root):
    """Debian's nrnivmodl runs make -f $NRNHOME/bin/nrnmech_makefile and links $NRNHOME/lib, but
    the files live in /usr/lib/nrn: build a NRNHOME out of symlinks (ANCHORS.md section 8)."""
    home = os.path.join(build_root, "nrnhome")
    os.makedirs(os.path.join(home, "bin"), exist_ok=True)
    os.makedirs(os.path.join(home, "share"), exist_ok=True)
    links = {
        "include": "/usr/include",
        "lib": "/usr/lib/nrn",
        "share/nrn": "/usr/share/nrn",
        "bin/nrnmech_makefile": "/usr/lib/nrn/nrnmech_makefile",
    }
    for b in ("nocmodl", "modlunit", "nrniv", "nrnivmodl"):
        links["bin/" + b] = "/usr/bin/" + b
    for rel, target in links.items():
        p = os.path.join(home, rel)
        if os.path.islink(p) and os.readlink(p) == target:
            continue
        if os.path.lexists(p):
            os.remove(p)
        os.symlink(target, p)
    return home


def build_mechanisms(mod_files, build_root):
    """Compile mod_files (in this order: it is NEURON's registration order) into one
    libnrnmech.so, cached by content; returns the library path."""
    if not mod_files:
        return None
    names = [os.path.basename(m) for m in mod_files]
    if len(set(names)) != len(names):
        raise CaseError(f"two mechanism files with the same name: {names}")
    hsh = hashlib.sha256()
    for m in mod_files:
        with open(m, "rb") as f:
            hsh.update(os.path.basename(m).encode() + b"\0" + f.read() + b"\0")
    with open("/usr/bin/nocmodl", "rb") as f:
        hsh.update(hashlib.sha256(f.read()).digest())
    key = hsh.hexdigest()[:16]
    d = os.path.join(build_root, "mech-" + key)
    lib = os.path.join(d, "x86_64", ".libs", "libnrnmech.so")
    stamp = os.path.join(d, "ok")
    if os.path.exists(stamp) and os.path.exists(lib):
        return lib
    home = fake_nrnhome(build_root)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    for m in mod_files:
        shutil.copyfile(m, os.path.join(d, os.path.basename(m)))
    env = dict(os.environ, NRNHOME=home)
    r = subprocess.run(["/usr/bin/nrnivmodl"] + names, cwd=d, env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with open(os.path.join(d, "nrnivmodl.log"), "w") as f:
        f.write(r.stdout)
    # The last make target links the `special` executable, which needs ivstream.h from
    # libinterviews-dev; the mechanism library itself is complete before that step.
    if not os.path.exists(lib):
        sys.stderr.write(r.stdout)
        raise CaseError(f"nrnivmodl failed (log in {d}/nrnivmodl.log)")
    with open(stamp, "w") as f:
        f.write("\n".join(names) + "\n")
    return lib


# --------------------------------------------------------------------------------------------
# Building the model in NEURON
# --------------------------------------------------------------------------------------------

class Model:
    pass


def seg_of(sec, x, where):
    x = _num(x, where + ".x")
    if not 0.0 <= x <= 1.0:
        raise CaseError(f"{where}: x = {x} outside [0, 1]")
    return sec(x)


def _per_mechanism(case, key, what):
    """Yields (mechanism, name, value, where) for a case section {mechanism: {name: value}}."""
    section = case.get(key, {}) or {}
    if not isinstance(section, dict):
        raise CaseError(f"{key}: expected a mapping mechanism -> {what}")
    for mech, entries in section.items():
        _keys(entries, f"{key}.{mech}", optional=tuple(entries))
        for name, value in entries.items():
            yield mech, name, value, f"{key}.{mech}.{name}"


def build(h, case, case_dir):
    m = Model()
    m.templates = []     # cell template files, in cell order
    m.secs = {}          # (cell, section) -> Section
    m.cells = []
    m.objects = {}       # point process / artificial cell name -> object
    m.kinds = {}         # name -> "point_process" | "artificial_cell"
    m.types = {}
    sim = case["simulation"]
    h.celsius = sim.get("celsius", 6.3)
    h.secondorder = int(sim.get("secondorder", 0))
    h.dt = sim["dt"]

    # globals first: mechanism GLOBALs and ion globals such as cai0_ca_ion
    for mech, p, v, where in _per_mechanism(case, "globals", "{name: value}"):
        hname = f"{p}_{mech}"
        if not hasattr(h, hname):
            raise CaseError(f"{where}: NEURON has no global {hname}")
        setattr(h, hname, _num(v, where))

    # FUNCTION_TABLE values: table_<function>_<mechanism>(value) or (y vector, x vector)
    m.table_vectors = []  # NEURON keeps pointers into these Vectors
    for mech, fname, spec, where in _per_mechanism(case, "function_tables", "{function: table}"):
        hname = f"table_{fname}_{mech}"
        if not hasattr(h, hname):
            raise CaseError(f"{where}: NEURON has no function {hname}")
        _keys(spec, where, optional=("value", "x", "y"))
        if "value" in spec:
            getattr(h, hname)(_num(spec["value"], f"{where}.value"))
        elif "x" in spec and "y" in spec:
            y = h.Vector([_num(v, f"{where}.y") for v in spec["y"]])
            x = h.Vector([_num(v, f"{where}.x") for v in spec["x"]])
            m.table_vectors += [y, x]
            getattr(h, hname)(y, x)
        else:
            raise CaseError(f"{where}: this runner takes {{value: c}} or {{x: [...], y: [...]}}")

    # cells and sections, in list order
    n_roots = 0
    for ci, cell in enumerate(case["cells"]):
        where = f"cells[{ci}]"
        cname, sections, swhere = cell_sections(case_dir, cell, where, m.templates)
        if cname in m.cells:
            raise CaseError(f"{where}: duplicate cell name {cname}")
        m.cells.append(cname)
        for si, s in enumerate(sections):
            w = f"{swhere}.sections[{si}]"
            _keys(s, w, required=("name", "L", "diam"),
                  optional=("parent", "parent_x", "child_x", "nseg", "Ra", "cm", "mechanisms", "ions"))
            sname = _name(s["name"], w + ".name")
            if (cname, sname) in m.secs:
                raise CaseError(f"{w}: duplicate section {sname}")
            sec = h.Section(name=f"{cname}.{sname}")
            nseg = s.get("nseg", 1)
            if not isinstance(nseg, int) or nseg < 1:
                raise CaseError(f"{w}.nseg must be a positive integer")
            sec.nseg = nseg
            sec.L = _num(s["L"], w + ".L")
            set_range(h, sec, "diam", s["diam"], w + ".diam")     # a number, or one per segment
            sec.Ra = _num(s.get("Ra", 35.4), w + ".Ra")
            set_range(h, sec, "cm", s.get("cm", 1.0), w + ".cm")
            if "parent" in s:
                par = s["parent"]
                if (cname, par) not in m.secs:
                    raise CaseError(f"{w}.parent: {par!r} is not an earlier section of cell {cname}")
                px = _num(s.get("parent_x", 1.0), w + ".parent_x")
                cx = _num(s.get("child_x", 0.0), w + ".child_x")
                if not 0 <= px <= 1 or cx not in (0.0, 1.0):
                    raise CaseError(f"{w}: parent_x must be in [0,1] and child_x 0 or 1")
                sec.connect(m.secs[(cname, par)](px), cx)
            else:
                for k in ("parent_x", "child_x"):
                    if k in s:
                        raise CaseError(f"{w}.{k} given without parent")
                n_roots += 1
            m.secs[(cname, sname)] = sec
            mechs = s.get("mechanisms", {}) or {}
            if not isinstance(mechs, dict):
                raise CaseError(f"{w}.mechanisms: expected a mapping")
            for mech in mechs:
                try:
                    sec.insert(mech)
                except ValueError as e:
                    raise CaseError(f"{w}.mechanisms: {mech}: {e}")
            for mech, params in mechs.items():
                params = params or {}
                if not isinstance(params, dict):
                    raise CaseError(f"{w}.mechanisms.{mech}: expected a mapping of parameters")
                for p, v in params.items():
                    set_range(h, sec, f"{p}_{mech}", v, f"{w}.mechanisms.{mech}.{p}")
            ions = s.get("ions", {}) or {}
            for ion, vals in ions.items():
                if not sec.has_membrane(f"{ion}_ion"):
                    raise CaseError(f"{w}.ions.{ion}: no mechanism in this section uses ion {ion}")
                _keys(vals, f"{w}.ions.{ion}", optional=(f"{ion}i", f"{ion}o", f"e{ion}"))
                for p, v in vals.items():
                    set_range(h, sec, p, v, f"{w}.ions.{ion}.{p}")
    m.n_roots = n_roots
    m.n_nodes = sum(sec.nseg + 1 for sec in m.secs.values()) + n_roots
    m.n_segments = sum(sec.nseg for sec in m.secs.values())

    # point processes
    for i, pp in enumerate(case.get("point_processes", []) or []):
        w = f"point_processes[{i}]"
        _keys(pp, w, required=("name", "cell", "section", "x", "type"), optional=("params",))
        name = _name(pp["name"], w + ".name")
        if name in m.objects:
            raise CaseError(f"{w}: duplicate name {name}")
        sec = section(m, pp, w)
        cls = getattr(h, pp["type"], None)
        if cls is None:
            raise CaseError(f"{w}.type: NEURON has no point process {pp['type']}")
        obj = cls(seg_of(sec, pp["x"], w))
        set_params(obj, pp.get("params", {}) or {}, w)
        m.objects[name], m.kinds[name], m.types[name] = obj, "point_process", pp["type"]

    # artificial cells
    for i, ac in enumerate(case.get("artificial_cells", []) or []):
        w = f"artificial_cells[{i}]"
        _keys(ac, w, required=("name", "type"), optional=("params", "times"))
        name = _name(ac["name"], w + ".name")
        if name in m.objects:
            raise CaseError(f"{w}: duplicate name {name}")
        cls = getattr(h, ac["type"], None)
        if cls is None:
            raise CaseError(f"{w}.type: NEURON has no artificial cell {ac['type']}")
        obj = cls()
        set_params(obj, ac.get("params", {}) or {}, w)
        if ac["type"] == "VecStim":
            times = [_num(t, f"{w}.times") for t in (ac.get("times") or [])]
            if len(times) > VECSTIM_NMAX:
                raise CaseError(f"{w}.times: at most {VECSTIM_NMAX} times")
            if any(t < 0 for t in times) or any(b < a for a, b in zip(times, times[1:])):
                raise CaseError(f"{w}.times: must be >= 0 and non-decreasing")
            obj.n = len(times)
            for k, t in enumerate(times):
                obj.times[k] = t
        elif "times" in ac:
            raise CaseError(f"{w}.times: only for VecStim")
        if ac["type"] == "NetStim" and (ac.get("params") or {}).get("noise", 0) != 0:
            raise CaseError(f"{w}: NetStim noise must be 0 (random streams are not part of format 1)")
        m.objects[name], m.kinds[name], m.types[name] = obj, "artificial_cell", ac["type"]

    # NetCons, in list order
    m.presyn_threshold = {}   # source key -> threshold
    m.first_netcon = {}       # source key -> first NetCon from that source
    m.netcons = []
    for i, nc in enumerate(case.get("netcons", []) or []):
        w = f"netcons[{i}]"
        _keys(nc, w, required=("source", "target", "weight", "delay"), optional=("threshold",))
        tname = nc["target"]
        if tname not in m.objects:
            raise CaseError(f"{w}.target: no point process or artificial cell named {tname!r}")
        src, key, sec = source(m, nc["source"], nc.get("threshold"), w)
        if sec is not None:
            con = h.NetCon(src, m.objects[tname], sec=sec)
        else:
            con = h.NetCon(src, m.objects[tname])
        if key[0] == "site":
            con.threshold = m.presyn_threshold[key]
        con.delay = _num(nc["delay"], w + ".delay")
        wts = nc["weight"]
        if not isinstance(wts, list):
            wts = [wts]
        if len(wts) > int(con.wcnt()):
            raise CaseError(f"{w}.weight: {len(wts)} values, but the target's NET_RECEIVE takes {int(con.wcnt())}")
        for k, v in enumerate(wts):
            con.weight[k] = _num(v, f"{w}.weight[{k}]")
        m.netcons.append(con)
        m.first_netcon.setdefault(key, con)
    return m


def load_template(path, where):
    """A cell template file: {name (optional), description (optional), sections}, the sections in
    exactly the case format's section syntax."""
    if not os.path.isfile(path):
        raise CaseError(f"{where}.template: no file {path}")
    with open(path) as f:
        try:
            tmpl = yaml.safe_load(f)
        except yaml.YAMLError as e:
            raise CaseError(f"{path}: {e}")
    _keys(tmpl, path, required=("sections",), optional=("name", "description"))
    if "name" in tmpl:
        _name(tmpl["name"], path + ": name")
    return tmpl


def cell_sections(case_dir, cell, where, templates):
    """(cell name, list of sections, where-prefix for the sections) of a case's cell entry: either
    inline `sections`, or a `template` file (path relative to the case file) whose sections are
    read with the same rules. The entry's `name` wins over the template's."""
    _keys(cell, where, optional=("name", "sections", "template", "description"))
    if ("sections" in cell) == ("template" in cell):
        raise CaseError(f"{where}: a cell has either 'sections' or a 'template' (exactly one)")
    if "template" in cell:
        tpath = cell["template"]
        if not isinstance(tpath, str) or not tpath:
            raise CaseError(f"{where}.template: expected a file path")
        tpath = os.path.normpath(os.path.join(case_dir, tpath))
        tmpl = load_template(tpath, where)
        templates.append(tpath)
        name = cell.get("name", tmpl.get("name"))
        shown = os.path.relpath(tpath, REPO) if tpath.startswith(REPO + os.sep) else tpath
        sections, swhere = tmpl["sections"], f"{where} (template {shown})"
    else:
        name, sections, swhere = cell.get("name"), cell["sections"], where
    if name is None:
        raise CaseError(f"{where}: a cell needs a name (in the case or in its template)")
    cname = _name(name, where + ".name")
    if not isinstance(sections, list) or not sections:
        raise CaseError(f"{swhere}.sections: expected a non-empty list")
    return cname, sections, swhere


def set_range(h, sec, hname, v, where):
    vals = v if isinstance(v, list) else [v] * sec.nseg
    if len(vals) != sec.nseg:
        raise CaseError(f"{where}: a list must have nseg = {sec.nseg} values")
    for seg, val in zip(sec, vals):
        if not hasattr(seg, hname):
            raise CaseError(f"{where}: section {sec.name()} has no range variable {hname}")
        setattr(seg, hname, _num(val, where))


def set_params(obj, params, where):
    if not isinstance(params, dict):
        raise CaseError(f"{where}.params: expected a mapping")
    for p, v in params.items():
        if not hasattr(obj, p):
            raise CaseError(f"{where}.params.{p}: {obj.hname()} has no variable {p}")
        setattr(obj, p, _num(v, f"{where}.params.{p}"))


def section(m, d, where):
    key = (d["cell"], d["section"])
    if key not in m.secs:
        raise CaseError(f"{where}: no section {d['section']!r} in cell {d['cell']!r}")
    return m.secs[key]


def node_key(sec, x):
    """Identify the node a position maps to (NEURON shares one PreSyn per variable)."""
    x = float(x)
    if 0 < x < 1:
        return (sec.name(), "seg", min(int(x * sec.nseg), sec.nseg - 1))
    return (sec.name(), "end", x)


def source(m, src, threshold, where):
    """Returns (NEURON source, key, section or None); records the PreSyn threshold."""
    if isinstance(src, str):
        if src not in m.objects:
            raise CaseError(f"{where}.source: no point process or artificial cell named {src!r}")
        if threshold is not None:
            raise CaseError(f"{where}.threshold: only for a (cell, section, x) source; "
                            f"{src} emits events with net_event")
        return m.objects[src], ("object", src), None
    _keys(src, where + ".source", required=("cell", "section", "x"), optional=("var",))
    sec = section(m, src, where + ".source")
    var = src.get("var", "v")
    seg = seg_of(sec, src["x"], where + ".source")
    ref = getattr(seg, "_ref_" + var, None)
    if ref is None:
        raise CaseError(f"{where}.source.var: no variable {var} at {sec.name()}({src['x']})")
    key = ("site", node_key(sec, src["x"]), var)
    thr = 10.0 if threshold is None else _num(threshold, where + ".threshold")
    old = m.presyn_threshold.get(key)
    if old is not None and old != thr:
        raise CaseError(f"{where}.threshold: {thr} differs from {old} given earlier for the same "
                        f"source; NEURON keeps one threshold per source variable")
    m.presyn_threshold[key] = thr
    return ref, key, sec


_VAR = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?$")


def setup_record(h, m, case):
    rec = case.get("record", {}) or {}
    _keys(rec, "record", optional=("interval", "traces", "spikes"))
    traces, names = [], set()
    for i, tr in enumerate(rec.get("traces", []) or []):
        w = f"record.traces[{i}]"
        if "point_process" in tr or "artificial_cell" in tr:
            kind = "point_process" if "point_process" in tr else "artificial_cell"
            _keys(tr, w, required=(kind, "var"), optional=("name",))
            oname = tr[kind]
            if m.kinds.get(oname) != kind:
                raise CaseError(f"{w}.{kind}: no {kind.replace('_', ' ')} named {oname!r}")
            obj, base = m.objects[oname], f"{oname}."
            mv = _VAR.match(str(tr["var"]))
            if not mv:
                raise CaseError(f"{w}.var: bad variable {tr['var']!r}")
            ref = getattr(obj, "_ref_" + mv.group(1), None)
            default = f"{oname}.{tr['var']}"
        else:
            _keys(tr, w, required=("cell", "section", "x", "var"), optional=("mechanism", "name"))
            sec = section(m, tr, w)
            seg = seg_of(sec, tr["x"], w)
            mv = _VAR.match(str(tr["var"]))
            if not mv:
                raise CaseError(f"{w}.var: bad variable {tr['var']!r}")
            site = f"{tr['cell']}.{tr['section']}({fmt_x(float(tr['x']))})"
            if "mechanism" in tr:
                if not sec.has_membrane(tr["mechanism"]):
                    raise CaseError(f"{w}: mechanism {tr['mechanism']} is not in {sec.name()}")
                ref = getattr(seg, f"_ref_{mv.group(1)}_{tr['mechanism']}", None)
                default = f"{site}.{tr['mechanism']}.{tr['var']}"
            else:
                ref = getattr(seg, "_ref_" + mv.group(1), None)
                default = f"{site}.{tr['var']}"
        if ref is None:
            raise CaseError(f"{w}: NEURON has no variable for {default}")
        if mv.group(2) is not None:
            ref = ref[int(mv.group(2))]
        name = tr.get("name", default)
        if name in names or name == "t" or "," in name:
            raise CaseError(f"{w}: column name {name!r} is a duplicate, 't', or contains a comma")
        names.add(name)
        vec = h.Vector()
        vec.record(ref)
        traces.append((name, vec))
    tvec = h.Vector()
    tvec.record(h._ref_t)

    # spikes: reuse the first case NetCon of a source (NetCon.record records the source's
    # spikes). A source without NetCons gets a NetCon with no target; adding one to a source
    # that has NetCons would change NEURON's event queueing (use_min_delay_, see README).
    spikes, snames, by_key = [], set(), {}
    for i, sp in enumerate(rec.get("spikes", []) or []):
        w = f"record.spikes[{i}]"
        if "source" in sp:
            _keys(sp, w, required=("name", "source"))
            src, key, sec = source(m, sp["source"], None, w)
        else:
            _keys(sp, w, required=("name", "cell", "section", "x"), optional=("threshold", "var"))
            s = {k: sp[k] for k in ("cell", "section", "x", "var") if k in sp}
            src, key, sec = source(m, s, sp.get("threshold"), w)
        name = sp["name"]
        if name in snames or "," in str(name):
            raise CaseError(f"{w}: duplicate spike recorder name {name!r}")
        snames.add(name)
        if key not in by_key:
            con = m.first_netcon.get(key)
            if con is None:
                con = h.NetCon(src, None, sec=sec) if sec is not None else h.NetCon(src, None)
                if key[0] == "site":
                    con.threshold = m.presyn_threshold[key]
                m.first_netcon[key] = con
                m.netcons.append(con)
            vec = h.Vector()
            con.record(vec)
            by_key[key] = vec
        spikes.append((name, by_key[key]))
    interval = _num(rec.get("interval", 0), "record.interval")
    return interval, tvec, traces, spikes


# --------------------------------------------------------------------------------------------
# Running and writing
# --------------------------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("case")
    ap.add_argument("outdir")
    args = ap.parse_args(argv)
    case_path = os.path.abspath(args.case)
    outdir = os.path.abspath(args.outdir)
    case = load_case(case_path)
    case_dir = os.path.dirname(case_path)

    mods = []
    for i, rel in enumerate(case.get("mechanisms", []) or []):
        p = os.path.normpath(os.path.join(case_dir, rel))
        if not os.path.isfile(p):
            raise CaseError(f"mechanisms[{i}]: no file {p}")
        mods.append(p)
    if any(ac.get("type") == "VecStim" for ac in case.get("artificial_cells", []) or []):
        mods.append(VECSTIM_MOD)
    build_root = os.environ.get("CORNU_NEURON_BUILD", os.path.join(REPO, "build", "neuron-ref"))
    lib = build_mechanisms(mods, build_root)

    os.makedirs(outdir, exist_ok=True)
    # NEURON auto-loads ./x86_64/.libs/libnrnmech.so from the current folder at import: import
    # it from the output folder, which never has one.
    os.chdir(outdir)
    os.environ.setdefault("NEURON_MODULE_OPTIONS", "-nogui")  # no "no DISPLAY" warning
    from neuron import h
    if lib is not None and not h.nrn_load_dll(lib):
        raise CaseError(f"nrn_load_dll({lib}) failed")

    model = build(h, case, case_dir)
    interval, tvec, traces, spikes = setup_record(h, model, case)
    sim = case["simulation"]
    dt, tstop = float(sim["dt"]), float(sim["tstop"])
    if interval == 0:
        every = 1
    else:
        every = int(round(interval / dt))
        if every < 1 or abs(every * dt - interval) > 1e-9 * interval:
            raise CaseError(f"record.interval {interval} is not a whole multiple of dt {dt}")

    t0 = time.perf_counter()
    h.finitialize(float(sim.get("v_init", -65.0)))
    if h.dt != dt:
        raise CaseError(f"NEURON changed dt to {h.dt}")
    nsteps = 0
    while h.t < tstop - dt / 2:
        h.fadvance()
        nsteps += 1
    wall = time.perf_counter() - t0
    if h.dt != dt:
        raise CaseError(f"NEURON changed dt to {h.dt} during the run")

    n = len(tvec)
    assert n == nsteps + 1, (n, nsteps)
    for name, vec in traces:
        assert len(vec) == n, (name, len(vec), n)
    idx = range(0, n, every)
    tv = tvec.as_numpy()
    cols = [vec.as_numpy() for _, vec in traces]
    with open(os.path.join(outdir, "traces.csv"), "w") as f:
        f.write(",".join(["t"] + [name for name, _ in traces]) + "\n")
        for i in idx:
            f.write(",".join("%.17g" % c[i] for c in [tv] + cols) + "\n")
    with open(os.path.join(outdir, "spikes.csv"), "w") as f:
        f.write("name,time\n")
        for name, vec in spikes:
            for t in vec:
                f.write("%s,%.17g\n" % (name, t))

    def sha(p):
        with open(p, "rb") as fh:
            return hashlib.sha256(fh.read()).hexdigest()

    meta = {
        "case": case["name"],
        "case_sha256": sha(case_path),
        "neuron_version": h.nrnversion(),
        "python": sys.version.split()[0],
        "mechanism_files": [{"file": os.path.relpath(p, REPO), "sha256": sha(p)} for p in mods],
        "dt": dt,
        "tstop": tstop,
        "secondorder": int(h.secondorder),
        "celsius": float(h.celsius),
        "steps": nsteps,
        "t_final": float(h.t),
        "steps_per_sample": every,
        "samples": len(idx),
        "node_count": model.n_nodes,
        "root_nodes": model.n_roots,
        "sections": len(model.secs),
        "segments": model.n_segments,
        "columns": [name for name, _ in traces],
        "spike_counts": {name: len(vec) for name, vec in spikes},
        "wall_time_s": round(wall, 3),
    }
    if model.templates:  # after mechanism_files
        items = list(meta.items())
        items.insert(5, ("cell_templates", [{"file": os.path.relpath(p, REPO), "sha256": sha(p)}
                                            for p in dict.fromkeys(model.templates)]))
        meta = dict(items)
    with open(os.path.join(outdir, "meta.yaml"), "w") as f:
        f.write("# generated by tests/reference/neuron/run_case.py; wall_time_s varies per run\n")
        yaml.safe_dump(meta, f, sort_keys=False, width=200)
    print(f"{case['name']}: {nsteps} steps, {len(idx)} samples x {len(traces)} columns, "
          f"{sum(len(v) for _, v in spikes)} spikes, {model.n_nodes} nodes, {wall:.2f} s")


if __name__ == "__main__":
    try:
        main()
    except CaseError as e:
        sys.stderr.write(f"run_case.py: error: {e}\n")
        sys.exit(2)
