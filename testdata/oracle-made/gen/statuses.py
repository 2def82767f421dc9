# Makes random pods with statuses the kubelet seldom writes (or never: an
# API client may write any), one JSON case per line ({"name", "pod",
# "input"}), for the families that read a pod's status: kubectl, phase,
# conditions, restart, actions and available.
# python3 statuses.py FAMILY SEED COUNT. See ../README.md.
import json, random, sys
family = sys.argv[1]
random.seed(int(sys.argv[2]))
N = int(sys.argv[3])
def ch(*a): return random.choice(a)
def maybe(p=0.5): return random.random() < p
T0 = 1735689600  # 2025-01-01T00:00:00Z
def ts(off=None):
    import datetime
    if off is None: off = random.randint(0, 86400 * 3)
    return datetime.datetime.fromtimestamp(T0 + off, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
images = ["nginx:1.27", "busybox", "registry.k8s.io/pause:3.10"]
def rules():
    r = {"action": ch("Restart", "Restart", "Bogus")}
    op = ch("In", "NotIn")
    r["exitCodes"] = {"operator": op, "values": random.sample([0, 1, 2, 42, 137, 143], random.randint(1, 3))}
    return r
def cont(name, kind):
    c = {"name": name, "image": ch(*images)}
    if kind == "init" and maybe(0.45): c["restartPolicy"] = "Always"
    if kind == "regular" and maybe(0.2):
        c["restartPolicy"] = ch("Always", "OnFailure", "Never")
        if maybe(0.4): c["restartPolicyRules"] = [rules() for _ in range(random.randint(1, 2))]
    if kind == "init" and c.get("restartPolicy") != "Always" and maybe(0.1):
        c["restartPolicy"] = ch("OnFailure", "Never")
    if maybe(0.2): c["readinessProbe"] = {"exec": {"command": ["true"]}}
    if maybe(0.15): c["startupProbe"] = {"exec": {"command": ["true"]}}
    return c
waiting_reasons = ["", "ContainerCreating", "PodInitializing", "CrashLoopBackOff", "ErrImagePull", "ImagePullBackOff",
                   "CreateContainerConfigError", "RunContainerError", "InvalidImageName", "CreateContainerError"]
term_reasons = ["", "Completed", "Error", "OOMKilled", "ContainerStatusUnknown", "ContainerCannotRun", "StartError", "DeadlineExceeded"]
def term():
    t = {"exitCode": ch(0, 0, 1, 2, 137, 143, -1, 255)}
    if maybe(0.7): t["reason"] = ch(*term_reasons)
    if maybe(0.25): t["signal"] = ch(0, 9, 15)
    if maybe(0.8): t["startedAt"] = ts()
    if maybe(0.8): t["finishedAt"] = ts()
    if maybe(0.2): t["message"] = ch("boom", "")
    if maybe(0.5): t["containerID"] = "containerd://" + "%012x" % random.getrandbits(48)
    return t
def state(allow_empty=True):
    k = random.random()
    if k < 0.3:
        w = {}
        if maybe(0.85): w["reason"] = ch(*waiting_reasons)
        if maybe(0.2): w["message"] = ch("back-off 10s", "")
        return {"waiting": w}
    if k < 0.6:
        r = {}
        if maybe(0.85): r["startedAt"] = ts()
        return {"running": r}
    if k < 0.9: return {"terminated": term()}
    if k < 0.95 and allow_empty: return {}
    return {"waiting": {"reason": "PodInitializing"}, "running": {"startedAt": ts()}}  # two at once
def status(c, kind):
    s = {"name": c["name"], "image": c["image"], "imageID": "", "ready": maybe(0.5), "restartCount": ch(0, 0, 1, 3, 17, 100)}
    s["state"] = state()
    if maybe(0.4): s["lastState"] = {"terminated": term()} if maybe(0.9) else state()
    if maybe(0.7): s["started"] = maybe(0.6)
    if maybe(0.5): s["containerID"] = "containerd://" + "%012x" % random.getrandbits(48)
    return s
cond_types = ["PodScheduled", "Initialized", "Ready", "ContainersReady", "PodReadyToStartContainers", "DisruptionTarget", "example.com/gate"]
def conditions(spec):
    out = []
    for t in random.sample(cond_types, random.randint(0, 5)):
        c = {"type": t, "status": ch("True", "False", "Unknown", "True")}
        if t == "PodScheduled" and c["status"] == "False" and maybe(0.7): c["reason"] = ch("Unschedulable", "SchedulingGated")
        elif t == "Ready" and c["status"] == "False" and maybe(0.3): c["reason"] = ch("ContainersNotReady", "PodCompleted", "ReadinessGatesNotReady")
        elif t == "DisruptionTarget" and maybe(0.7): c["reason"] = ch("DeletionByTaintManager", "EvictionByEvictionAPI", "TerminationByKubelet", "PreemptionByScheduler")
        elif maybe(0.2): c["reason"] = ch("Whatever", "")
        if maybe(0.3): c["message"] = ch("m", "0/3 nodes are available")
        if maybe(0.5): c["lastTransitionTime"] = ts()
        out.append(c)
    return out
def pod(i):
    ni, nr = random.randint(0, 3), random.randint(1, 3)
    inits = [cont("init-%d" % j, "init") for j in range(ni)]
    regs = [cont("app-%d" % j, "regular") for j in range(nr)]
    spec = {"containers": regs, "restartPolicy": ch("Always", "OnFailure", "Never")}
    if inits: spec["initContainers"] = inits
    if maybe(0.1): spec["ephemeralContainers"] = [{"name": "debug", "image": "busybox", "targetContainerName": regs[0]["name"]}]
    if maybe(0.85): spec["nodeName"] = ch("node-1", "worker-2")
    if maybe(0.1): spec["schedulingGates"] = [{"name": "example.com/gate"}]
    if maybe(0.2): spec["readinessGates"] = [{"conditionType": "example.com/gate"}] + ([{"conditionType": "other.io/x"}] if maybe(0.3) else [])
    meta = {"name": "chaos-%05d" % i, "namespace": "default", "creationTimestamp": ts(random.randint(0, 3600))}
    if maybe(0.2):
        meta["deletionTimestamp"] = ts()
        if maybe(0.7): meta["deletionGracePeriodSeconds"] = ch(0, 30)
    st = {}
    if maybe(0.9): st["phase"] = ch("Pending", "Running", "Succeeded", "Failed", "Unknown", "Running", "Running")
    if maybe(0.15): st["reason"] = ch("NodeLost", "Evicted", "DeadlineExceeded", "UnexpectedAdmissionError", "Shutdown", "")
    if maybe(0.1): st["message"] = "msg"
    st["conditions"] = conditions(spec)
    if maybe(0.1): st["nominatedNodeName"] = "node-9"
    if spec.get("nodeName") and maybe(0.7):
        ip = "10.244.%d.%d" % (random.randint(0, 9), random.randint(2, 250))
        st["podIP"] = ip; st["podIPs"] = [{"ip": ip}]
        if maybe(0.1): st["podIPs"].append({"ip": "fd00::%x" % random.randint(1, 999)})
    def statuses(cs, kind):
        ss = [status(c, kind) for c in cs if maybe(0.85)]
        if maybe(0.1) and ss and family != "actions": ss.append(dict(ss[0]))  # a duplicate name (the actions family refuses one)
        if maybe(0.05) and family != "actions": ss.append(status({"name": "ghost", "image": "busybox"}, kind))
        if maybe(0.15): random.shuffle(ss)
        return ss
    if inits and maybe(0.9): st["initContainerStatuses"] = statuses(inits, "init")
    if maybe(0.9): st["containerStatuses"] = statuses(regs, "regular")
    if "ephemeralContainers" in spec and maybe(0.7): st["ephemeralContainerStatuses"] = [status(spec["ephemeralContainers"][0], "eph")]
    p = {"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec, "status": st}
    return p, inits, regs
for i in range(N):
    p, inits, regs = pod(i)
    case = {"name": "%s chaos #%d" % (family, i), "pod": p}
    if family == "kubectl":
        case["input"] = {"now": ts(random.randint(3600, 86400 * 4))}
    elif family in ("phase", "conditions"):
        inp = {}
        if maybe(0.2): inp["podIsTerminal"] = True
        if maybe(0.5): inp["podHasInitialized"] = True
        if family == "conditions":
            if maybe(0.5): inp["phase"] = ch("Pending", "Running", "Succeeded", "Failed", "Unknown")
            if maybe(0.7):
                inp["sandboxes"] = [{"ready": maybe(0.7), "ip": ch("10.0.0.1", "")} for _ in range(random.randint(0, 2))]
        case["input"] = inp
    elif family == "restart":
        pool = [(c["name"], True) for c in inits] + [(c["name"], False) for c in regs]
        n, init = random.choice(pool)
        inp = {"container": n}
        if init: inp["init"] = True
        if maybe(0.3): inp["runtimeState"] = ch("none", "created", "running", "exited", "unknown")
        if maybe(0.3): inp["exitCode"] = ch(0, 1, 42, 137, 143)
        case["input"] = inp
    elif family == "actions":
        case["input"] = {"restartAllContainers": True} if maybe(0.1) else {}
    elif family == "available":
        case["input"] = {"minReadySeconds": ch(0, 0, 5, 30, 600), "now": ts(random.randint(3600, 86400 * 4))}
    else:
        sys.exit("family: kubectl, phase, conditions, restart, actions or available")
    print(json.dumps(case))
