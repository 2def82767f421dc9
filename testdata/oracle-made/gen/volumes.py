# Makes random pods, one JSON case per line ({"name", "pod"}), for the
# oracle to answer: python3 volumes.py SEED COUNT. See ../README.md.
import json, random, sys
random.seed(int(sys.argv[1])); N=int(sys.argv[2])
def ch(*a): return random.choice(a)
def maybe(p=0.5): return random.random()<p
def items(kind):
    out=[]
    for _ in range(random.randint(1,2)):
        it={"path":ch("a","a/b","/abs","../x","a/../b","","..x",".a")}
        if kind=="key": it["key"]=ch("k","","bad key","a.b")
        if kind=="down":
            if maybe(0.7): it["fieldRef"]={"fieldPath":ch("metadata.name","metadata.labels","metadata.annotations['x']","spec.nodeName","status.podIP","metadata.uid","bad")}
            else: it["resourceFieldRef"]={"resource":ch("limits.cpu","requests.memory","cpu"),"containerName":ch("app","other","")} | ({"divisor":ch("1m","0","3")} if maybe(0.3) else {})
        if maybe(0.3): it["mode"]=ch(420,0,511,512,-1)
        out.append(it)
    return out
def source():
    k=random.randrange(14)
    if k==0: return {"emptyDir":({"medium":ch("","Memory","HugePages","HugePages-2Mi","Bad")} if maybe(0.4) else {}) | ({"sizeLimit":ch("1Gi","-1","0")} if maybe(0.3) else {})}
    if k==1: return {"hostPath":{"path":ch("/var/log","","relative","/a/../b")} | ({"type":ch("","Directory","DirectoryOrCreate","File","Socket","Bad")} if maybe(0.5) else {})}
    if k==2: return {"secret":({"secretName":ch("s","","Bad_Name")} if maybe(0.8) else {}) | ({"items":items("key")} if maybe(0.4) else {}) | ({"defaultMode":ch(420,512,-1)} if maybe(0.3) else {}) | ({"optional":True} if maybe(0.2) else {})}
    if k==3: return {"configMap":{"name":ch("cm","","Bad_Name")} | ({"items":items("key")} if maybe(0.4) else {}) | ({"defaultMode":ch(420,512)} if maybe(0.3) else {})}
    if k==4: return {"persistentVolumeClaim":{"claimName":ch("data","","Bad_Name")} | ({"readOnly":True} if maybe(0.3) else {})}
    if k==5: return {"downwardAPI":{"items":items("down")} | ({"defaultMode":ch(420,512)} if maybe(0.3) else {})}
    if k==6:
        srcs=[]
        for _ in range(random.randint(0,3)):
            kk=random.randrange(5)
            if kk==0: srcs.append({"secret":{"name":ch("s","")} | ({"items":items("key")} if maybe(0.3) else {})})
            elif kk==1: srcs.append({"configMap":{"name":ch("cm","")} | ({"items":items("key")} if maybe(0.3) else {})})
            elif kk==2: srcs.append({"downwardAPI":{"items":items("down")}})
            elif kk==3: srcs.append({"serviceAccountToken":{"path":ch("token","","/abs","../t")} | ({"audience":ch("api","")} if maybe(0.4) else {}) | ({"expirationSeconds":ch(3600,600,599,4294967296,0)} if maybe(0.5) else {})})
            else: srcs.append({})
        return {"projected":{"sources":srcs} | ({"defaultMode":ch(420,512)} if maybe(0.3) else {})}
    if k==7: return {"ephemeral":{"volumeClaimTemplate":{"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}} if maybe(0.7) else {}}
    if k==8: return {"image":{"reference":ch("busybox","","a b")} | ({"pullPolicy":ch("Always","IfNotPresent","Bad")} if maybe(0.4) else {})}
    if k==9: return {"csi":{"driver":ch("csi.example.com","","Bad_Driver")} | ({"nodePublishSecretRef":{"name":ch("s","")}} if maybe(0.3) else {})}
    if k==10: return {"nfs":{"server":ch("nfs.example.com",""),"path":ch("/exports","","rel")}}
    if k==11: return {"gitRepo":{"repository":ch("https://x",""),} | ({"directory":ch(".","..","a/../b","/abs","ok")} if maybe(0.5) else {}) | ({"revision":ch("main","")} if maybe(0.3) else {})}
    if k==12: return {"emptyDir":{},"hostPath":{"path":"/x"}}
    return {}
for i in range(N):
    vols=[]
    for j in range(random.randint(1,4)):
        v={"name":ch("data","logs","scratch","Bad_Name","","a"*64)} | source()
        vols.append(v)
    mounts=[]
    for j in range(random.randint(0,3)):
        m={"name":random.choice([v["name"] for v in vols]+["missing"]),"mountPath":ch("/data","/logs","/data","rel","/a:b","")}
        if maybe(0.3): m["subPath"]=ch("x","/abs","../x","a/b")
        if maybe(0.15): m["subPathExpr"]=ch("$(POD_NAME)","/abs","../x")
        if maybe(0.2): m["readOnly"]=ch(True,False)
        if maybe(0.15): m["mountPropagation"]=ch("None","HostToContainer","Bidirectional","Bad")
        if maybe(0.15): m["recursiveReadOnly"]=ch("Disabled","IfPossible","Enabled","Bad")
        mounts.append(m)
    c={"name":"app","image":"nginx"}
    if mounts: c["volumeMounts"]=mounts
    spec={"containers":[c],"volumes":vols}
    if maybe(0.3): spec["serviceAccountName"]=ch("","default")
    print(json.dumps({"name":"#%05d"%i,"pod":{"metadata":{"name":"p","namespace":"default"},"spec":spec}}))
