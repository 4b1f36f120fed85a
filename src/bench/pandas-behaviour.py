"""The pandas side of the behavioural benchmarks: the same numbers as Opsbook, end to end from a CSV.

Usage: python3 pandas-behaviour.py funnel|retention|lifecycle events.csv  → JSON on stdout.
Times in the CSV are Shanghai wall-clock time (no DST), so calendar weeks need no zone conversion.
Written the careful way: categorical event names, one read of the needed columns, merge_asof for
the funnel chain (each step looks back to the latest possible attempt), vectorised group-bys.
"""
import json
import sys

import numpy as np
import pandas as pd

STEPS = ["浏览商品", "加入购物车", "提交订单", "支付成功"]
WINDOW = pd.Timedelta(days=14)


def read(path):
    df = pd.read_csv(path, usecols=["user_id", "event", "ts"], dtype={"user_id": "string", "event": "category"})
    df["ts"] = pd.to_datetime(df["ts"], format="%Y-%m-%d %H:%M:%S")
    return df


def funnel(df):
    prev = df.loc[df["event"] == STEPS[0], ["user_id", "ts"]].rename(columns={"ts": "t0"}).sort_values("t0")
    reached = [prev]
    for k in range(1, len(STEPS)):
        step = df.loc[df["event"] == STEPS[k], ["user_id", "ts"]].rename(columns={"ts": f"t{k}"}).sort_values(f"t{k}")
        prev_sorted = prev.sort_values(f"t{k - 1}")
        joined = pd.merge_asof(step, prev_sorted, left_on=f"t{k}", right_on=f"t{k - 1}", by="user_id", direction="backward", allow_exact_matches=True)
        joined = joined.dropna(subset=["t0"])
        prev = joined[joined[f"t{k}"] <= joined["t0"] + WINDOW]
        reached.append(prev)
    # Each user's counted attempt: the earliest completion of their deepest step.
    counted = None
    for k in range(len(STEPS) - 1, -1, -1):
        s = reached[k]
        first = s.loc[s.groupby("user_id")[f"t{k}"].idxmin()].assign(depth=k)
        if counted is None:
            counted = first
        else:
            counted = pd.concat([counted, first[~first["user_id"].isin(counted["user_id"])]])
    out = []
    for k in range(len(STEPS)):
        users = counted[counted["depth"] >= k]
        gap = (users[f"t{k}"] - users[f"t{k - 1}"]).dt.total_seconds() if k > 0 else None
        out.append({"name": STEPS[k], "count": int(len(users)), "median": None if gap is None else float(gap.median()), "avg": None if gap is None else float(gap.mean())})
    return {"steps": out}


def week_index(ts):
    # Weeks from Monday 2000-01-03, as Opsbook counts them.
    return (ts.dt.normalize() - pd.Timestamp("2000-01-03")).dt.days // 7


def retention(df, periods=12):
    starts = df.loc[df["event"] == "注册", ["user_id", "ts"]]
    cohorts = starts.assign(c=week_index(starts["ts"])).groupby("user_id", as_index=False)["c"].min()
    views = df.loc[df["event"] == "浏览页面", ["user_id", "ts"]]
    returns = views.assign(r=week_index(views["ts"]))[["user_id", "r"]].drop_duplicates()
    cells = cohorts.merge(returns, on="user_id")
    cells["k"] = cells["r"] - cells["c"]
    cells = cells[(cells["k"] >= 1) & (cells["k"] <= periods)]
    grid = cells.groupby(["c", "k"]).size().unstack(fill_value=0).reindex(columns=range(1, periods + 1), fill_value=0)
    sizes = cohorts.groupby("c").size()
    return {"cohorts": [{"c": int(c), "size": int(n), "values": [int(n)] + [int(v) for v in (grid.loc[c] if c in grid.index else [0] * periods)]} for c, n in sizes.items()]}


def lifecycle(df):
    views = df.loc[df["event"] == "浏览页面", ["user_id", "ts"]]
    act = views.assign(p=week_index(views["ts"]))[["user_id", "p"]].drop_duplicates().sort_values(["user_id", "p"])
    g = act.groupby("user_id")["p"]
    prev, nxt = g.shift(1), g.shift(-1)
    status = np.where(prev.isna(), "new", np.where(prev == act["p"] - 1, "returning", "resurrecting"))
    counts = pd.DataFrame({"p": act["p"], "s": status}).groupby(["p", "s"]).size().unstack(fill_value=0)
    dormant = act.loc[nxt.isna() | (nxt > act["p"] + 1), "p"] + 1
    dormant = dormant[dormant <= act["p"].max()].value_counts()
    periods = range(int(act["p"].min()), int(act["p"].max()) + 1)
    counts = counts.reindex(index=periods, fill_value=0)
    return {"periods": [{"p": p, "new": int(counts.at[p, "new"]) if "new" in counts else 0, "returning": int(counts.at[p, "returning"]) if "returning" in counts else 0,
                         "resurrecting": int(counts.at[p, "resurrecting"]) if "resurrecting" in counts else 0, "dormant": -int(dormant.get(p, 0))} for p in periods]}


if __name__ == "__main__":
    metric, path = sys.argv[1], sys.argv[2]
    frame = read(path)
    print(json.dumps({"funnel": funnel, "retention": retention, "lifecycle": lifecycle}[metric](frame)))
