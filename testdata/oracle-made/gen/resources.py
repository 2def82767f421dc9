# Makes random pods, one JSON case per line ({"name", "pod"}), for the
# oracle to answer: python3 resources.py SEED COUNT. See ../README.md.
import json, random, sys
random.seed(int(sys.argv[1])); N=int(sys.argv[2])
def ch(*a): return random.choice(a)
def maybe(p=0.5): return random.random()<p
cpu=["100m","250m","500m","1","2","0","0.5","1001m","-1","0.0001"]
mem=["64Mi","128Mi","256Mi","1Gi","0","1G","1.5Gi","-1Mi"]
def rl(podlevel=False):
    l={}
    if maybe(0.6): l["cpu"]=ch(*cpu)
    if maybe(0.6): l["memory"]=ch(*mem)
    if maybe(0.08): l["hugepages-2Mi"]=ch("2Mi","4Mi","3Mi")
    if maybe(0.05): l[ch("example.com/gpu","ephemeral-storage","nvidia.com/gpu")]=ch("1","2","500m")
    return l
def res(podlevel=False):
    r={}
    if maybe(0.6): r["requests"]=rl(podlevel)
    if maybe(0.5): r["limits"]=rl(podlevel)
    return r
def ctr(name,init=False):
    c={"name":name,"image":"nginx"}
    if maybe(0.8): c["resources"]=res()
    if init and maybe(0.4): c["restartPolicy"]="Always"
    return c
for i in range(N):
    spec={"containers":[ctr("app-%d"%k) for k in range(random.randint(1,3))]}
    if maybe(0.4): spec["initContainers"]=[ctr("init-%d"%k,True) for k in range(random.randint(1,2))]
    if maybe(0.5): spec["resources"]=res(True)
    if maybe(0.15): spec["overhead"]={"cpu":ch("100m","0"),"memory":ch("64Mi","0")}
    print(json.dumps({"name":"#%05d"%i,"pod":{"metadata":{"name":"p","namespace":"default"},"spec":spec}}))
