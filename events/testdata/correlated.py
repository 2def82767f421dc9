# Makes random sequences of recorded events about one pod, as JSON cases
# ({"name", "now", "records": [{"at", "source", "fieldPath", "type",
# "reason", "message"}]}), for a program that runs them through client-go's
# EventCorrelator and kubectl's DescribeEvents: python3 correlated.py SEED
# COUNT. See README.md.
import json, random, sys, datetime
random.seed(int(sys.argv[1]))
N = int(sys.argv[2])
def ch(*a): return random.choice(a)
T0 = datetime.datetime(2025, 3, 1, 12, 0, 0, tzinfo=datetime.timezone.utc)
ctrs = ["spec.containers{web}", "spec.containers{app}", "spec.initContainers{setup}", "spec.initContainers{proxy}", ""]
# Reasons with a few messages each (fewer than ten, so that combining is
# reached only by the "flood" reasons, whose messages never repeat: which
# message upstream forgets when it combines is a map's choice).
pools = {
    ("Normal", "Pulling"): ['Pulling image "nginx:1.27"', 'Pulling image "busybox"'],
    ("Normal", "Pulled"): ['Container image "nginx:1.27" already present on machine and can be accessed by the pod',
                           'Successfully pulled image "busybox" in 2s (2s including waiting). Image size: 0 bytes.'],
    ("Normal", "Created"): ["Created container: web", "Created container: app"],
    ("Normal", "Started"): ["Started container web", "Started container app"],
    ("Normal", "Killing"): ["Stopping container web", "Container web failed liveness probe, will be restarted"],
    ("Warning", "BackOff"): ["Back-off restarting failed container web in pod web-1_default(uid-1)", "Back-off restarting failed container app in pod web-1_default(uid-1)"],
    ("Warning", "Unhealthy"): ["Readiness probe failed: HTTP probe failed with statuscode: 500", "Liveness probe failed: dial tcp 10.0.0.3:80: connect: connection refused"],
    ("Warning", "Failed"): ["Error: ErrImagePull", 'Failed to pull image "nginx:nope": not found'],
    ("Warning", "Evicted"): ["The node was low on resource: memory.", ""],
    ("Normal", "SandboxChanged"): ["Pod sandbox changed, it will be killed and re-created."],
    ("Warning", "NodeNotReady"): ["Node is not ready"],
    ("Normal", "TaintManagerEviction"): ["Marking for deletion Pod default/web-1"],
}
floods = [("Warning", "FailedMount"), ("Warning", "ProbeWarning"), ("Normal", "Nominated")]  # in no pool
for i in range(N):
    t = T0 + datetime.timedelta(seconds=random.randint(0, 3600))
    recs = []
    n = ch(random.randint(1, 12), random.randint(10, 40), random.randint(30, 80))
    flood = ch(*floods) if random.random() < 0.3 else None
    fresh = 0
    for j in range(n):
        k = random.random()
        if k < 0.6: gap = random.randint(0, 3)
        elif k < 0.9: gap = random.randint(4, 60)
        elif k < 0.97: gap = random.randint(200, 700)
        else: gap = 0
        t = t + datetime.timedelta(seconds=gap, microseconds=1)
        src = "kubelet" if random.random() < 0.9 else ch("node-controller", "taint-eviction-controller")
        if flood and random.random() < 0.4:
            typ, reason = flood
            fresh += 1
            msg = "%s #%d" % (reason, fresh)
        else:
            typ, reason = random.choice(list(pools))
            msg = random.choice(pools[(typ, reason)])
            if random.random() < 0.03: msg = "  " + msg + " "  # describe trims it
        fp = "" if reason in ("SandboxChanged", "NodeNotReady", "TaintManagerEviction", "Evicted") or src != "kubelet" else ch(*ctrs)
        recs.append({"at": t.isoformat().replace("+00:00", "Z"), "source": src, "fieldPath": fp, "type": typ, "reason": reason, "message": msg})
    now = (t + datetime.timedelta(seconds=random.randint(1, 900))).replace(microsecond=0)
    print(json.dumps({"name": "case %d" % i, "now": now.isoformat().replace("+00:00", "Z"), "records": recs}))
