#!/usr/bin/env bash
# Starts a release and follows it to its end, exiting with its outcome so the CI job fails unless it
# was promoted: 0 promoted, 2 rolled back, 3 blocked by pre-flight, 4 failed (needs a human),
# 1 bad input, 5 Temporal unreachable (nothing was done).
# Needs SERVICE, VERSION, IMAGE and ENVIRONMENT; POLICY, CHANGE_REF (its commit time is asked of git
# for the lead-time figure) and REQUESTED_BY are optional. Temporal is found through TEMPORAL_ADDRESS,
# TEMPORAL_NAMESPACE and TEMPORAL_API_KEY, as for the command line. ROLLWRIGHT is the command to run
# (default: rollwright on the PATH).
set -uo pipefail
rollwright=${ROLLWRIGHT:-rollwright}
args=(start "${SERVICE:?SERVICE is required}" "${VERSION:?VERSION is required}" --image "${IMAGE:?IMAGE is required}"
  --env "${ENVIRONMENT:?ENVIRONMENT is required}" --wait)
[ -n "${POLICY:-}" ] && args+=(--policy "$POLICY")
[ -n "${CHANGE_REF:-}" ] && args+=(--change-ref "$CHANGE_REF")
[ -n "${REQUESTED_BY:-}" ] && args+=(--requested-by "$REQUESTED_BY")

# A workflow command's message as GitHub Actions reads it back: '%', CR and LF percent-encoded, so
# a value can neither end the command's line nor have a '%0A' of its own decoded into a line break.
# (What rollwright itself prints is escaped by it: see "Output safety" in the README.)
command_data() {
  local s=${1//'%'/%25}
  s=${s//$'\r'/%0D}
  printf '%s' "${s//$'\n'/%0A}"
}

"$rollwright" "${args[@]}"
code=$?
what=$(command_data "$SERVICE $VERSION")
where=$(command_data "$ENVIRONMENT")
case $code in
  0) echo "::notice::$what promoted in $where" ;;
  2) echo "::error::$what rolled back in $where; the reason is above" ;;
  3) echo "::error::$what blocked by pre-flight in $where; nothing was deployed" ;;
  4) echo "::error::the release of $what FAILED and needs a human: see it in the Temporal Web UI" ;;
  5) echo "::error::Temporal could not be reached; nothing was done" ;;
  *) echo "::error::rollwright exited $code" ;;
esac
exit $code
