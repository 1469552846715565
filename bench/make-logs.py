"""Writes N JSON Lines of K distinct errors in the Datadog data[] item shape, for `dogcatcher run` at scale.

Each error is thrown by its own class (error.kind), as distinct errors are in an application: the stage
name alone would be a value that learned slots gather (three stages in one place make one error).

Usage: python3 bench/make-logs.py 1000000 1000 big.jsonl
"""
import json, random, sys
random.seed(1)
n=int(sys.argv[1]); k=int(sys.argv[2])
svc=["checkout","billing","inventory","search","auth"]
with open(sys.argv[3],"w") as f:
    for i in range(n):
        e = i % k if i < k else random.randrange(k)
        stage = f"{chr(97+e%26)}{chr(97+(e//26)%26)}{chr(97+(e//676)%26)}"
        item={"id":f"log-{i}","type":"log","attributes":{"timestamp":"2026-11-27T09:%02d:%02d.%03dZ"%(random.randrange(60),random.randrange(60),random.randrange(1000)),
          "status":"error","service":svc[e%5],"host":f"i-{random.randrange(1<<24):06x}",
          "message":f"Request {random.getrandbits(64):016x}-{random.getrandbits(32):08x} failed in stage {stage} after {random.randrange(30000)}ms",
          "tags":["env:prod"],"attributes":{"env":"prod","error":{"kind":f"com.acme.{stage}.StageFailedException"},"logger":{"name":"com.acme.Worker","thread_name":f"worker-{random.randrange(100)}"}}}}
        f.write(json.dumps(item)+"\n")
