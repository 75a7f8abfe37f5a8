#!/usr/bin/env bash
# Interrupts `descent build`, `descent frames --overwrite`, `descent frames --overwrite --video` and
# `descent frames --video` (the video alone)
# with SIGINT, SIGTERM and SIGKILL at random moments, each time over a good previous output made
# with other settings, and checks after each kill:
#   - the output is the previous one, intact (same checksums), or the new one, complete;
#   - SIGINT exits 130 and SIGTERM 143;
#   - no process of the run (descent, ffmpeg) is alive;
#   - no temporary file (.descent-tmp-…, .descent-stage-…, .NAME.tmp-…) or lock file is left,
#     for SIGKILL after one later run into the same output (which must then give a complete output).
# Usage: scripts/kill-test.sh [KILLS] [DESCENT]
#   KILLS: how many kills in all (default 36, spread evenly over the commands and the 3 signals).
#   DESCENT: a release build of descent (default: `descent` on PATH); e.g. .build/release/descent.
# Needs ffmpeg for the --video runs (they are skipped without it). Prints one line per kill and a
# summary; exits 1 if any check failed.
set -uo pipefail
set -m  # each run in its own process group, with SIGINT not ignored as a background job's would be

kills=${1:-36}
descent=${2:-$(command -v descent || true)}
if [[ -z "$descent" || ! -x "$descent" ]]; then
    echo "kill-test: give a descent binary (scripts/kill-test.sh KILLS path/to/descent) or put one on PATH" >&2
    exit 64
fi
descent=$(cd "$(dirname "$descent")" && pwd)/$(basename "$descent")
has_ffmpeg=1
command -v ffmpeg > /dev/null || has_ffmpeg=0

work=$(mktemp -d "${TMPDIR:-/tmp}/descent-kill-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 70

# The kit: one model, two figures, 40 frames with their MP4 when ffmpeg is there.
kit_yaml() {  # $1: learning rate
    cat <<EOF
output: kit
models:
  linear:
    learning_rate: $1
figures:
  kinds: [fit, loss]
  formats: [png, svg]
  size: 640x360
  gallery: false
frames:
  size: 480x270
  max_frames: 40
  video: $([[ $has_ffmpeg == 1 ]] && echo true || echo false)
report:
  handout: false
EOF
}
kit_yaml 0.01 > old.yaml
kit_yaml 0.02 > new.yaml
frames_args=(frames --model linear --optimizer gd --init -1.5,1.5 --epochs 60 --size 480x270 --layout full --jobs 2 --quiet)

# The command of a scenario, with the old (previous output) or the new settings, into folder $3.
command_for() {  # $1 scenario, $2 old|new, $3 target name
    local lr; [[ $2 == old ]] && lr=0.05 || lr=0.08
    case $1 in
        build)  echo "$descent build $2.yaml --quiet --output $3" ;;
        frames) echo "$descent ${frames_args[*]} --lr $lr --out $3 --overwrite" ;;
        video)  echo "$descent ${frames_args[*]} --lr $lr --out $3 --video $3.mp4 --overwrite" ;;
        videoonly) echo "$descent ${frames_args[*]} --lr $lr --video $3.mp4" ;;
    esac
}

# Checksums of every regular file under $1 (and $1.mp4 beside it), relative paths, sorted;
# Descent's own lock, temporary and staging names are left out (they are checked apart).
checksum() {
    { (cd "$1" 2>/dev/null && find . -type f ! -name '.descent*' ! -path '*/.descent-stage-*' -print0 | sort -z | xargs -0 -r sha256sum)
      [[ -f "$1.mp4" ]] && (sha256sum < "$1.mp4" | sed 's/-$/VIDEO/'); } | sha256sum | cut -d' ' -f1
}

# Descent's temporaries, staging folders and lock files under the work folder.
leftovers() {
    find "$work" \( -name '.descent-tmp-*' -o -name '.descent-stage-*' -o -name '.descent.lock' -o -name '.*.tmp-*' \) -print 2>/dev/null \
        | grep -v '/pristine-' | grep -v '/reference-'
}

# Processes of a run's process group still alive (descent itself or ffmpeg).
alive() {  # $1 process group
    ps -eo pgid=,pid=,comm= | awk -v g="$1" '$1 == g { print $2 " " $3 }'
}

scenarios=(build frames)
[[ $has_ffmpeg == 1 ]] && scenarios+=(video videoonly)
signals=(INT TERM KILL)

# Previous good outputs (pristine copies to restore) and the new outputs for reference.
declare -A old_sum new_sum duration
for scenario in "${scenarios[@]}"; do
    for version in old new; do
        start=$(date +%s.%N)
        if ! $(command_for "$scenario" "$version" "$version-$scenario") > /dev/null 2>"$version-$scenario.err"; then
            echo "kill-test: the $version $scenario run failed: $(cat "$version-$scenario.err")" >&2
            exit 70
        fi
        end=$(date +%s.%N)
        [[ $version == new ]] && duration[$scenario]=$(echo "$end - $start" | bc)
    done
    old_sum[$scenario]=$(checksum "old-$scenario")
    new_sum[$scenario]=$(checksum "new-$scenario")
    if [[ ${old_sum[$scenario]} == "${new_sum[$scenario]}" ]]; then
        echo "kill-test: the old and new $scenario outputs are the same; the test could not tell them apart" >&2
        exit 70
    fi
    [[ -d "old-$scenario" ]] && mv "old-$scenario" "pristine-$scenario"
    [[ -f "old-$scenario.mp4" ]] && mv "old-$scenario.mp4" "pristine-$scenario.mp4"
    rm -rf "new-$scenario" "new-$scenario.mp4"
    printf 'kill-test: %s takes %.1f s uninterrupted\n' "$scenario" "${duration[$scenario]}"
done

restore() {  # $1 scenario: the previous good output back in out-$1
    rm -rf "out-$1" "out-$1.mp4"
    [[ -d "pristine-$1" ]] && cp -a "pristine-$1" "out-$1"
    [[ -f "pristine-$1.mp4" ]] && cp -a "pristine-$1.mp4" "out-$1.mp4"
    [[ $(checksum "out-$1") == "${old_sum[$1]}" ]] || { echo "kill-test: the restored $1 output differs from the previous one" >&2; exit 70; }
}

failures=0
done_kills=0
per=$(( (kills + ${#scenarios[@]} * 3 - 1) / (${#scenarios[@]} * 3) ))
fail() { echo "  FAIL: $*"; failures=$((failures + 1)); }

for ((round = 0; round < per; round++)); do
    for scenario in "${scenarios[@]}"; do
        for signal in "${signals[@]}"; do
            restore "$scenario"
            # A random moment within 1.2 times the run's duration (some land after the end).
            delay=$(awk -v d="${duration[$scenario]}" -v r="$RANDOM" 'BEGIN { printf "%.3f", d * 1.2 * r / 32768 }')
            $(command_for "$scenario" new "out-$scenario") > /dev/null 2> err &
            pid=$!
            sleep "$delay"
            kill -s "$signal" "$pid" 2> /dev/null
            wait "$pid" 2> /dev/null
            status=$?
            done_kills=$((done_kills + 1))
            line="kill $done_kills: $scenario SIG$signal after ${delay} s: exit $status"
            # No process of the run is left (ffmpeg ends once its input closes; give it a moment).
            for _ in $(seq 50); do [[ -z "$(alive "$pid")" ]] && break; sleep 0.1; done
            survivors=$(alive "$pid")
            # Old intact or new complete.
            sum=$(checksum "out-$scenario")
            state=mixed
            [[ $sum == "${old_sum[$scenario]}" ]] && state=previous
            [[ $sum == "${new_sum[$scenario]}" ]] && state=new
            echo "$line, output $state"
            [[ -n "$survivors" ]] && fail "processes alive after the run: $survivors"
            case $signal in
                INT)  [[ $status == 130 || ($status == 0 && $state == new) ]] || fail "SIGINT: exit $status ($(head -c 300 err))" ;;
                TERM) [[ $status == 143 || ($status == 0 && $state == new) ]] || fail "SIGTERM: exit $status ($(head -c 300 err))" ;;
            esac
            if [[ $signal == KILL ]]; then
                # A SIGKILL during the commit's renames may leave a mix with the commit's journal;
                # one later run finishes or undoes it. Anything else must be old or new already.
                if [[ $state == mixed ]] && ! compgen -G "out-$scenario/.descent-stage-*/.descent-commit.json" > /dev/null; then
                    fail "the output is neither the previous one nor the new one, and no commit was under way"
                fi
                $(command_for "$scenario" new "out-$scenario") > /dev/null 2> err || fail "the run after SIGKILL failed: $(head -c 300 err)"
                [[ $(checksum "out-$scenario") == "${new_sum[$scenario]}" ]] || fail "the run after SIGKILL did not give the new output"
            else
                [[ $state == mixed ]] && fail "the output is neither the previous one nor the new one"
            fi
            left=$(leftovers)
            [[ -n "$left" ]] && fail "temporaries left: $(echo "$left" | sed "s|$work/||" | tr '\n' ' ')"
        done
    done
done

echo "kill-test: $done_kills kills, $failures failed check(s)"
[[ $failures == 0 ]]
