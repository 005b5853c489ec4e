#!/usr/bin/env python3
"""Groups a JFR recording's execution samples by the frames they pass through.

  jfr print --events jdk.ExecutionSample --stack-depth 64 rec.jfr > samples.txt
  bench/jfr-frames.py samples.txt KEY [PATTERN]

KEY: a frame (substring) a sample must pass through; PATTERN: a regex of the frames to list (default: ours).
Prints how many samples pass through KEY, then for each frame matching PATTERN how many of those pass through it,
then the frames the samples were in (self time).
"""
import re,sys,collections
txt=open(sys.argv[1]).read()
events=txt.split('jdk.ExecutionSample {')[1:]
key=sys.argv[2]
sel=[]
for e in events:
    frames=re.findall(r'^\s+([\w.$<>]+\(.*?\))\s+line:',e,re.M)
    if any(key in f for f in frames): sel.append(frames)
print('samples with',key,len(sel),'of',len(events))
incl=collections.Counter(); top=collections.Counter()
for fr in sel:
    seen=set()
    for f in fr:
        m=re.sub(r'\(.*','',f)
        if m not in seen: incl[m]+=1; seen.add(m)
    top[re.sub(r'\(.*','',fr[0])]+=1
pat=sys.argv[3] if len(sys.argv)>3 else 'custos'
for m,c in incl.most_common(400):
    if re.search(pat,m): print(c,m)
print('--- top self')
for m,c in top.most_common(25): print(c,m)
