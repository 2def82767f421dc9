# Makes random pods, one JSON case per line ({"name", "pod"}), for the
# oracle to answer: python3 containers.py SEED COUNT. See ../README.md.
import json, random, sys
random.seed(int(sys.argv[1]))
N=int(sys.argv[2])
def ch(*a): return random.choice(a)
def maybe(p=0.5): return random.random()<p
ports=[8080, "http", "8080", 0, 70000, "Bad_Name", "a"*16, "-x", "x-"]
def handler(hook=False):
    k=random.random()
    h={}
    if k<0.25: h["exec"]={"command":ch(["true"],[],["sh","-c","x"])}
    elif k<0.5:
        g={"port":ch(*ports)}
        if maybe(): g["path"]=ch("/","/healthz","healthz","")
        if maybe(0.3): g["scheme"]=ch("HTTP","HTTPS","FTP","")
        if maybe(0.3): g["host"]=ch("","10.0.0.1","a b")
        if maybe(0.3): g["httpHeaders"]=[{"name":ch("X-Custom","Bad Header","","x_y"),"value":ch("v","")}]
        h["httpGet"]=g
    elif k<0.65: h["tcpSocket"]={"port":ch(*ports)}
    elif k<0.8:
        if hook: h["sleep"]={"seconds":ch(0,1,5,-1,100000)}
        else: h["grpc"]={"port":ch(9090,0,70000,-1)} | ({"service":ch("","svc")} if maybe() else {})
    elif k<0.9:
        h["exec"]={"command":["true"]}; h["tcpSocket"]={"port":8080}
    return h
def probe():
    p=handler()
    for f,vals in [("initialDelaySeconds",[0,5,-1]),("timeoutSeconds",[1,0,-1,5]),("periodSeconds",[10,0,-1,1]),("successThreshold",[1,2,0,-1]),("failureThreshold",[3,0,-1]),("terminationGracePeriodSeconds",[10,0,-1])]:
        if maybe(0.3): p[f]=random.choice(vals)
    return p
def env():
    e={"name":ch("A","a.b","1BAD","","a=b","MY_VAR","-x")}
    k=random.random()
    if k<0.3: e["value"]=ch("x","")
    elif k<0.9:
        vf={}
        kk=random.random()
        if kk<0.25: vf["fieldRef"]={"fieldPath":ch("metadata.name","metadata.labels['app']","spec.nodeName","status.podIP","status.hostIPs","metadata.uid","bad.path","metadata.annotations['x']","spec.serviceAccountName")} | ({"apiVersion":ch("v1","v2","")} if maybe(0.3) else {})
        elif kk<0.5: vf["resourceFieldRef"]={"resource":ch("limits.cpu","requests.memory","limits.ephemeral-storage","cpu","requests.hugepages-2Mi","limits.nvidia.com/gpu")} | ({"divisor":ch("1m","1","2","1Mi","0")} if maybe(0.4) else {}) | ({"containerName":ch("app","other","")} if maybe(0.3) else {})
        elif kk<0.65: vf["configMapKeyRef"]={"name":ch("cm","","Bad_Name"),"key":ch("k","","bad key","a/b")} | ({"optional":ch(True,False)} if maybe(0.3) else {})
        elif kk<0.8: vf["secretKeyRef"]={"name":ch("s",""),"key":ch("k","",".x","..")}
        elif kk<0.92: vf["fileKeyRef"]={"volumeName":ch("scratch","missing",""),"path":ch("env/file","","/abs","../x"),"key":ch("K","","bad key")} | ({"optional":ch(True,False)} if maybe(0.3) else {})
        else:
            vf["fieldRef"]={"fieldPath":"metadata.name"}; vf["secretKeyRef"]={"name":"s","key":"k"}
        e["valueFrom"]=vf
        if maybe(0.1): e["value"]="both"
    return e
def envfrom():
    e={}
    if maybe(0.5): e["prefix"]=ch("P_","1x","a=b","","ok")
    k=random.random()
    if k<0.45: e["configMapRef"]={"name":ch("cm","","Bad_Name")}
    elif k<0.9: e["secretRef"]={"name":ch("s","")}
    elif k<0.95: e["configMapRef"]={"name":"cm"}; e["secretRef"]={"name":"s"}
    return e
def container(name, init=False):
    c={"name":name,"image":ch("nginx","nginx"," nginx","")}
    if maybe(0.2): c["imagePullPolicy"]=ch("Always","Never","IfNotPresent","Sometimes")
    if maybe(0.2): c["command"]=ch(["sh"],[""],[])
    if maybe(0.2): c["args"]=ch(["-c","x"],[""])
    for pn in ["livenessProbe","readinessProbe","startupProbe"]:
        if maybe(0.3): c[pn]=probe()
    if maybe(0.3):
        lc={}
        if maybe(0.6): lc["postStart"]=handler(True)
        if maybe(0.6): lc["preStop"]=handler(True)
        c["lifecycle"]=lc
    if maybe(0.3): c["env"]=[env() for _ in range(random.randint(1,3))]
    if maybe(0.2): c["envFrom"]=[envfrom() for _ in range(random.randint(1,2))]
    if maybe(0.2): c["volumeMounts"]=[{"name":"scratch","mountPath":ch("/s","s","/a:b","")} | ({"readOnly":True} if maybe(0.3) else {})]
    if maybe(0.15): c["terminationMessagePolicy"]=ch("File","FallbackToLogsOnError","x")
    if init and maybe(0.4): c["restartPolicy"]=ch("Always","Never","OnFailure","Sometimes")
    return c
for i in range(N):
    spec={"containers":[container("app")]}
    if maybe(0.3): spec["containers"].append(container(ch("helper","app","Bad_Name")))
    if maybe(0.4): spec["initContainers"]=[container(ch("init","proxy","app"),True) for _ in range(random.randint(1,2))]
    spec["volumes"]=[{"name":"scratch","emptyDir":{}}]
    if maybe(0.2): spec["restartPolicy"]=ch("Always","Never","OnFailure","Sometimes")
    if maybe(0.2): spec["terminationGracePeriodSeconds"]=ch(30,0,-1)
    if maybe(0.2): spec["activeDeadlineSeconds"]=ch(1,0,-1,2147483648)
    if maybe(0.15): spec["readinessGates"]=[{"conditionType":ch("example.com/ready","Bad Type","x/y/z")}]
    if maybe(0.15): spec["schedulingGates"]=[{"name":ch("example.com/wait","wait","Bad Name")} for _ in range(random.randint(1,2))]
    print(json.dumps({"name":"#%05d"%i,"pod":{"metadata":{"name":"p","namespace":"default"},"spec":spec}}))
