#!/usr/bin/python3
"""Peer benchmark: Optuna's TPE on the NAS-Bench-201 table, with Wayfinder's protocol.

For each seed of a `wayfinder bench sample-efficiency --per-seed FILE` run, Optuna searches the same table for the
same budget; we count the trials it needs for its validation accuracy-top10 (each configuration counted once, NaN until
10 distinct configurations) to reach the RS level Wayfinder measured for that seed. Needs the Debian package
python3-optuna (3.1); never a dependency of Wayfinder.

usage: optuna_nas201.py TABLE.tsv PER_SEED.tsv TARGET [--budget 1000] [--multivariate] [--independent]
"""
import argparse
import csv
import statistics
import sys

import optuna

EDGES = ["e_1_0", "e_2_0", "e_2_1", "e_3_0", "e_3_1", "e_3_2"]
OPS = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"]


def load(table, task):
    vals = {}
    with open(table) as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["task"] == task:
                vals[tuple(row[e] for e in EDGES)] = float(row["test_acc_200ep_alt"]) / 100
    return vals


def trials_to_reach(vals, level, seed, budget, multivariate):
    sampler = optuna.samplers.TPESampler(seed=seed, multivariate=multivariate)
    study = optuna.create_study(direction="maximize", sampler=sampler)
    seen = set()
    distinct = []
    for t in range(1, budget + 1):
        trial = study.ask()
        cfg = tuple(trial.suggest_categorical(e, OPS) for e in EDGES)
        v = vals[cfg]
        study.tell(trial, v)
        if cfg not in seen:
            seen.add(cfg)
            distinct.append(v)
            if len(distinct) >= 10:
                top = sorted(distinct, reverse=True)[:10]
                if sum(top) / 10 >= level - 1e-12:
                    return t
    return None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("table")
    p.add_argument("per_seed")
    p.add_argument("target")
    p.add_argument("--budget", type=int, default=1000)
    p.add_argument("--independent", action="store_true", help="univariate TPE (default: multivariate)")
    a = p.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    vals = load(a.table, a.target)
    levels = []
    with open(a.per_seed) as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["target"] == a.target:
                levels.append((int(row["seed"]), float(row["rs_level"])))
    results = []
    for seed, level in levels:
        r = trials_to_reach(vals, level, seed, a.budget, not a.independent)
        results.append(r)
        print(f"seed {seed}: {r if r is not None else 'not reached'}", flush=True)
    reached = sorted(r if r is not None else a.budget + 1 for r in results)
    q = statistics.quantiles(reached, n=4, method="inclusive")
    name = "Optuna TPE " + ("independent" if a.independent else "multivariate")
    missing = sum(r is None for r in results)
    print(f"{name}: median {statistics.median(reached):.0f} [IQR {q[0]:.0f}-{q[2]:.0f}] over {len(results)} seeds"
          + (f", not reached on {missing}" if missing else ""))


if __name__ == "__main__":
    sys.exit(main())
