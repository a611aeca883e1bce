#!/usr/bin/env bash
# A release with the Temporal CLI alone: start checkout 2.3.0 on staging with an inline policy,
# wait for its approval gate, approve as bob, read its status and its result after a 10-second bake.
# The CLI talks to $TEMPORAL_ADDRESS (default 127.0.0.1:7233); a Rollwright worker must be running.
set -euo pipefail

temporal workflow start \
  --type ReleaseWorkflow \
  --task-queue releases \
  --workflow-id checkout@staging \
  --static-summary "checkout 2.3.0 → staging, canary" \
  --input '{"service":"checkout","version":"2.3.0","image":"registry.example/checkout:2.3.0","environment":"staging","requestedBy":"alice","changeRef":"a1b2c3d","inlinePolicy":{"extends":"quick","analysis":{"interval":"2s"},"stages":[{"name":"canary-10","weight":10,"soak":"6s","gate":{"type":"approval","required":1,"approvers":["bob"],"timeout":"30m"}}],"bake":{"duration":"10s"}}}'

until temporal workflow query --workflow-id checkout@staging --name status | grep -q AWAITING_APPROVAL; do
  sleep 1
done

temporal workflow signal \
  --workflow-id checkout@staging \
  --name approve \
  --input '{"approver":"bob","reason":"staging looks good"}'

temporal workflow query --workflow-id checkout@staging --name status
temporal workflow result --workflow-id checkout@staging
