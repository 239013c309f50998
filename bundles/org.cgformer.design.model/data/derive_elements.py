#!/usr/bin/env python3
"""Derives data/elements.tsv from pymatgen's periodic_table.json (pymatgen 2022.11.7, MIT licence).

Usage: python3 derive_elements.py ../../../../shared/data/elements/pymatgen_periodic_table.json > elements.tsv
Keeps only what the design-space bundles read: atomic number, mass, Pauling electronegativity,
common oxidation states and Shannon ionic radii (Angstrom) in six-fold coordination (CN VI, spin
state "" or, for transition metals listed only by spin, the high-spin value).
"""
import json
import sys

table = json.load(open(sys.argv[1]))
print("# symbol\tZ\tmass_u\tpauling_X\tcommon_oxidation_states\tshannon_ionic_radius_CN6 (charge:angstrom)")
for symbol, e in sorted(table.items(), key=lambda kv: kv[1]["Atomic no"]):
    x = e.get("X")
    x = "" if x is None or x != x else f"{x:g}"
    radii = []
    for charge, coordinations in sorted(e.get("Shannon radii", {}).items(), key=lambda kv: int(kv[0])):
        six = coordinations.get("VI")
        if not six:
            continue
        entry = six.get("") or six.get("High Spin") or next(iter(six.values()))
        radii.append(f"{int(charge)}:{entry['ionic_radius']:g}")
    states = ",".join(str(s) for s in e.get("Common oxidation states", []))
    print(f"{symbol}\t{e['Atomic no']}\t{e['Atomic mass']:g}\t{x}\t{states}\t{';'.join(radii)}")
