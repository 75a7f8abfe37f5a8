#!/usr/bin/env bash
# Fuzzing in two parts.
#
# 1. The Swift fuzz tests: 32,000 cases per family by default (mutated CSV files, build
#    configurations, size strings; a fifth as many command lines, parsed, validated and
#    trained; the command lines are slower because each rejected one builds its usage text).
# 2. Command lines and build files that reach rendering and file output, run through the CLI:
#    random figure kinds, sizes, ranges, learning rates, epochs and formats, frame sequences
#    of a few frames, small build files, and --surface runs (named surfaces and random
#    formulas, some malformed, through train, figure landscape, surface, gradient-field, compare
#    and frames), each in a fresh folder. Every run must end with a
#    status of the documented table (0, 64, 65, 69, 73, 74; 70 is an internal error and counts
#    as a failure), by no signal and within the time limit, without "Fatal error" or a stack
#    dump; a failed run starts its message with "Error:" and leaves no figure file and no
#    frames folder behind. Failures are listed with the command line to repeat them.
#
# Usage: scripts/fuzz.sh [cases-per-family] [command-runs]
#   cases-per-family  Swift fuzz cases per family (default 32000; 0 skips part 1)
#   command-runs      command lines and build files run (default 40, about a minute; 0 skips part 2)
# Environment: FUZZ_SEED (default 1) makes part 2 repeatable; DESCENT=path runs that binary
# instead of building the release one; FUZZ_TIMEOUT seconds per run (default 300).
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-32000}
runs=${2:-40}

if [ "$cases" -gt 0 ]; then
    FUZZ_CASES=$cases swift test -c release --filter FuzzTests
fi
[ "$runs" -gt 0 ] || exit 0

if [ -z "${DESCENT:-}" ]; then
    swift build -c release --product descent >/dev/null
    DESCENT="$PWD/.build/release/descent"
fi
timeout_seconds=${FUZZ_TIMEOUT:-300}
RANDOM=${FUZZ_SEED:-1}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

pick() { local values=("$@"); printf '%s' "${values[RANDOM % ${#values[@]}]}"; }
number() { pick 1e-300 4.9e-324 1e-12 0.0001 0.001 0.01 0.05 0.5 1 2 3.5 100 1e6 1e20 1e150 1e300 1.7976931348623157e308 0 -1 -0.5 -1e300 nan inf; }
learning_rate() { pick 1e-300 1e-12 0.001 0.01 0.05 0.3 1 2 10 1e20 1e150 1e300 0 -1 nan; }
epochs() { pick 1 2 3 5 10 30 0 -1 1000000; }
size() { pick 160x90 320x180 64x64 1x1 2x900 900x2 100x100 slide 0x10 16385x10; }
range() { printf '%s:%s' "$(number)" "$(number)"; }
format() { pick png png svg pdf gif; }
# A random formula from tokens (often malformed on purpose: the parser must refuse it on one line).
formula() {
    local text="" count=$((1 + RANDOM % 9))
    for ((token = 0; token < count; token++)); do
        text+=$(pick x y x y 2 .5 1e-3 1e400 pi e + - '*' / ^ '(' ')' 'sin(' 'log(' 'sqrt(' 'exp(' 'tanh(' 'abs(' ' ' rosenbrock foo 1.2.3 '#')
    done
    printf '%s' "$text"
}

failures=0
finished=0
fail() {
    failures=$((failures + 1))
    printf 'FAIL (%s): %s\n' "$1" "$2"
}

# Runs the CLI in folder $1 with the remaining arguments and checks how it ended; $target is
# the file or folder a failed run must not leave.
check_run() {
    local folder=$1; shift
    local status=0
    (cd "$folder" && timeout "$timeout_seconds" "$DESCENT" "$@" >stdout.txt 2>stderr.txt) || status=$?
    local line="descent $(printf '%q ' "$@")"
    [ -f "$folder/kit.yaml" ] && line="$line  # kit.yaml: $(tr '\n' '|' <"$folder/kit.yaml")"
    case $status in
        0|64|65|69|73|74) ;;
        124) fail "no end within ${timeout_seconds} s" "$line"; return ;;
        *) fail "exit $status" "$line"; head -3 "$folder/stderr.txt"; return ;;
    esac
    if grep -q -e "Fatal error" -e "Stack dump" "$folder/stderr.txt"; then fail "crash message" "$line"; return; fi
    [ "$status" -eq 0 ] && finished=$((finished + 1))
    if [ "$status" -ne 0 ]; then
        head -1 "$folder/stderr.txt" | grep -q '^Error: ' || fail "message not starting with Error:" "$line"
        if [ -n "$target" ] && [ -e "$folder/$target" ]; then fail "exit $status left $target" "$line"; fi
    fi
}

kinds=(fit loss training landscape normalization lr-sweep slice step compare)
for ((run = 1; run <= runs; run++)); do
    folder="$scratch/$run"
    mkdir -p "$folder"
    case $((RANDOM % 5)) in
    0|1)  # a figure
        kind=$(pick "${kinds[@]}")
        target="figure.$(format)"
        args=(figure "$kind" --size "$(size)" --out "$target")
        ((RANDOM % 2)) && args+=(--lr "$(learning_rate)")
        ((RANDOM % 2)) && args+=(--epochs "$(epochs)")
        ((RANDOM % 3)) || args+=(--optimizer "$(pick sgd gd minibatch momentum adam)")
        ((RANDOM % 3)) || args+=(--model "$(pick linear cubic both)")
        ((RANDOM % 4)) || args+=(--init "$(number),$(number)")
        case $kind in
            landscape|slice|step)
                ((RANDOM % 2)) && args+=("--range-w=$(range)")
                ((RANDOM % 3)) || args+=("--range-b=$(range)")
                ((RANDOM % 2)) && args+=(--grid "$(pick 2 3 10 40 0 5000)") ;;
            fit) ((RANDOM % 2)) && args+=(--labels --residuals) ;;
        esac
        ((RANDOM % 4)) || args+=(--theme "$(pick light dark)" --lang "$(pick en fi)")
        check_run "$folder" "${args[@]}" ;;
    2)  # a few frames
        target=frames
        args=(frames --out frames --size "$(pick 160x90 96x54 64x64 320x180 1x1)" --epochs "$(pick 1 2 3 5 8 1000000)"
              --layout "$(pick full training landscape)" --grid "$(pick 2 8 20)" --jobs "$(pick 1 2 3 0 300)")
        ((RANDOM % 2)) && args+=(--lr "$(learning_rate)")
        ((RANDOM % 3)) || args+=(--optimizer "$(pick sgd gd minibatch momentum adam)")
        ((RANDOM % 3)) || args+=(--every "$(pick 1 2 3 0 1000)")
        ((RANDOM % 3)) || args+=(--max-frames "$(pick 1 2 5 20 0)")
        ((RANDOM % 4)) || args+=(--per-step)
        ((RANDOM % 4)) || args+=(--compression "$(pick 0 1 9 10)")
        ((RANDOM % 4)) || args+=(--model cubic)
        check_run "$folder" "${args[@]}" -q ;;
    3)  # a small build file
        target=""
        cat >"$folder/kit.yaml" <<YAML
output: kit
models:
  linear:
    optimizer: $(pick sgd gd momentum adam)
    learning_rate: $(learning_rate)
    epochs: $(pick 1 3 10 50 200000)
  cubic:
    learning_rate: $(learning_rate)
    epochs: $(pick 1 5 20)
figures:
  kinds: [$(pick fit loss landscape step training compare)]
  formats: [$(pick png svg pdf)]
  size: $(pick 160x90 320x180 64x64)
  grid: $(pick 2 10 30)
  gallery: false
frames:
  size: $(pick 96x54 160x90)
  $(pick "max_frames: 2" "max_frames: 3" "every: 1" "every: 100000" "enabled: false")
report:
  html: $(pick false report.html)
  markdown: $(pick false report.md)
  handout: false
YAML
        check_run "$folder" build kit.yaml -q ;;
    4)  # a surface, named or a random formula
        surface=$(pick rosenbrock beale himmelblau saddle rastrigin styblinski-tang "$(formula)" "$(formula)" "$(formula)")
        if ((RANDOM % 3 == 0)); then
            # The 3-D surface, the gradient field and the optimizers' comparison on a surface.
            target="surface.$(format)"
            args=(figure "$(pick surface gradient-field compare)" "--surface=$surface" --size "$(size)" --out "$target")
            ((RANDOM % 2)) && args+=("--range-x=$(range)")
            ((RANDOM % 3)) || args+=("--range-y=$(range)")
            ((RANDOM % 4)) || args+=(--elev "$(pick 5 30 90 0 91 nan)" --azim "$(pick -60 0 720 nan)")
        elif ((RANDOM % 4 == 0)); then
            # Frames of a descent on a surface (a few, so the run stays short).
            target=frames
            args=(frames "--surface=$surface" --size "$(pick 160x90 320x180 64x64)" --epochs "$(pick 1 2 5 0)" --out frames
                  --layout "$(pick landscape surface full)")
            ((RANDOM % 3)) || args+=(--orbit)
        elif ((RANDOM % 2)); then
            target="surface.$(format)"
            args=(figure landscape "--surface=$surface" --size "$(size)" --grid "$(pick 2 3 10 40 0 5000)" --out "$target")
            ((RANDOM % 2)) && args+=("--range-x=$(range)")
            ((RANDOM % 3)) || args+=("--range-y=$(range)")
            ((RANDOM % 3)) || args+=(--grid-csv g.csv)
        else
            target=h.csv
            args=(train "--surface=$surface" --history h.csv)
        fi
        ((RANDOM % 2)) && args+=(--lr "$(learning_rate)")
        [ "$target" = frames ] || { ((RANDOM % 2)) && args+=(--epochs "$(pick 1 2 10 300 0)"); } || true
        ((RANDOM % 3)) || args+=(--optimizer "$(pick sgd gd minibatch momentum adam)")
        ((RANDOM % 3)) || args+=(--schedule "$(pick constant step cosine warmup)")
        ((RANDOM % 3)) || args+=("--init=$(number),$(number)")
        ((RANDOM % 4)) || args+=(--theme "$(pick light dark)" --lang "$(pick en fi)")
        check_run "$folder" "${args[@]}" ;;
    esac
    rm -rf "$folder"
done
echo "fuzz: $runs command lines and build files ($finished finished, the others refused), $failures failures (seed ${FUZZ_SEED:-1})"
[ "$failures" -eq 0 ]
