#!/usr/bin/env python3
"""Lists the import circles among the modules of src/tui (one line per
circle, its size and modules); exits 1 when there is one. Test modules are
left out."""
import os,re,sys
root=os.path.join(os.path.dirname(os.path.abspath(__file__)),'..','src','tui')
def modname(path):
    rel=os.path.relpath(path,root)[:-3]
    parts=rel.split('/')
    if parts[-1]=='mod': parts=parts[:-1]
    return '::'.join(parts) if parts else 'tui'
mods={}
for d,_,fs in os.walk(root):
    for f in fs:
        if f.endswith('.rs'):
            p=os.path.join(d,f); mods[modname(p)]=open(p).read()
names=set(mods)
def resolve(m, path):
    # path like super::x::y or crate::tui::x
    segs=path.split('::')
    if segs[0]=='crate':
        if len(segs)<3 or segs[1]!='tui': return None
        base=[]; segs=segs[2:]
    elif segs[0]=='super':
        base=m.split('::')
        # file module: super of a::b is a
        while segs and segs[0]=='super':
            base=base[:-1]; segs=segs[1:]
    elif segs[0]=='self':
        base=m.split('::'); segs=segs[1:]
    else: return None
    # longest prefix that is a module
    best=None
    for k in range(len(segs),0,-1):
        cand='::'.join([b for b in base if b]+segs[:k])
        if cand in names: best=cand; break
    return best
edges=set()
for m,src in mods.items():
    # strip cfg(test) mod bodies roughly: ignore files named tests
    if m.endswith('tests') or '::tests' in m: continue
    body=src
    i=body.find('#[cfg(test)]\nmod tests {')
    if i>=0: body=body[:i]
    for u in re.findall(r'\b((?:crate|super|self)(?:::[A-Za-z_][A-Za-z0-9_]*)+)', body):
        t=resolve(m,u)
        if t and t!=m and not t.startswith(m+'::') and not m.startswith(t+'::'):
            edges.add((m,t))
# find SCCs
import collections
g=collections.defaultdict(set)
for a,b in edges: g[a].add(b)
index={};low={};st=[];on=set();res=[];c=[0]
sys.setrecursionlimit(10000)
def sc(v):
    index[v]=low[v]=c[0];c[0]+=1;st.append(v);on.add(v)
    for w in g[v]:
        if w not in index: sc(w);low[v]=min(low[v],low[w])
        elif w in on: low[v]=min(low[v],index[w])
    if low[v]==index[v]:
        comp=[]
        while True:
            w=st.pop();on.discard(w);comp.append(w)
            if w==v: break
        if len(comp)>1: res.append(sorted(comp))
for v in list(g):
    if v not in index: sc(v)
for r in res: print(len(r), r)
sys.exit(1 if res else 0)
