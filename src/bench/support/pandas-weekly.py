"""The week's UV, paid orders and GMV from the raw exports, as an analyst's pandas notebook does it.

Usage: python3 pandas-weekly.py EXPORTS_DIR START END   (local dates, END exclusive)
Prints one JSON object. Timestamps in the exports are local (Asia/Shanghai) wall-clock times, so
comparing them with local dates needs no time-zone conversion.
"""
import glob
import json
import os
import sys

import pandas as pd

exports, start, end = sys.argv[1:4]
start, end = pd.Timestamp(start), pd.Timestamp(end)

events = pd.concat(
    pd.read_csv(f, usecols=["distinct_id", "event", "time"], dtype={"distinct_id": "string", "event": "string"})
    for f in sorted(glob.glob(os.path.join(exports, "神策_events_*.csv")))
)
events["time"] = pd.to_datetime(events["time"], format="%Y-%m-%d %H:%M:%S")
views = events[(events["event"] == "浏览页面") & (events["time"] >= start) & (events["time"] < end)]

orders = pd.concat(pd.read_csv(f, encoding="gb18030") for f in sorted(glob.glob(os.path.join(exports, "订单导出_*.csv"))))
orders["下单时间"] = pd.to_datetime(orders["下单时间"], format="%Y-%m-%d %H:%M:%S")
orders["amount"] = orders["实付金额"].str.replace("¥", "", regex=False).str.replace(",", "", regex=False).astype(float)
paid = orders[(orders["订单状态"] == "已支付") & (orders["下单时间"] >= start) & (orders["下单时间"] < end)]

print(json.dumps({"uv": int(views["distinct_id"].nunique()), "orders": int(len(paid)), "gmv": round(float(paid["amount"].sum()), 2)}))
