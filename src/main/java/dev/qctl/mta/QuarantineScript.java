package dev.qctl.mta;

import dev.qctl.exec.Command;
import java.util.ArrayList;
import java.util.List;

/**
 * The one command that works on the quarantine of a target: a fixed POSIX sh script (no value is
 * ever pasted into it) run as {@code sh -c SCRIPT sh VERB DIR ARGS…} (or {@code sh FILE VERB DIR ARGS…}
 * from an installed copy, which sudoers can pin: {@link FixedScript}), so it works the same locally,
 * under sudo and over SSH, and handles a whole batch of messages per process. It needs only sh,
 * find, awk, xargs, cp, mv, df, du and ls.
 *
 * <p>Layout: {@code DIR/RUN/} per audit run (DIR is the configured directory plus the MTA's name,
 * {@code /var/lib/qctl/quarantine/exim}, so two MTAs on one host never share a run), with a {@code run} file ({@code run ID}, {@code time
 * EPOCH}, {@code mta NAME}); Exim keeps {@code input/ID-H}, {@code input/ID-D} and {@code msglog/ID}
 * (a spool of its own, read by the spool script), plus {@code split} naming the IDs that came from
 * split_spool_directory subdirectories; Postfix keeps the queue files themselves in
 * {@code QUEUE/ID} (incoming, active, deferred, hold), read back with postcat. Everything is created
 * under umask 077; DIR must be a real directory owned by the user running the script, in a parent
 * that is no symbolic link and belongs to that user or root.
 *
 * <p>Verbs and what they print on stdout:
 * <pre>
 *   prepare DIR MINFREE_KB NEED_KB MAXAGE_S CAP_KB   P RUN KB WHY per run purged; exit 8 "CAP KB", 9 "NOSPACE KB"
 *   store-exim DIR RUN MINFREE_KB SPOOL               IDs on stdin; Q ID kept, N ID not in the queue, F ID not kept
 *   store-postfix DIR RUN MINFREE_KB QUEUE_DIR        the same
 *   runs DIR                                          R RUN EPOCH MTA KB, oldest first
 *   envelopes DIR RUN POSTCAT CONFIG                  postcat -e of the run's queue files
 *   restore-exim DIR RUN SPOOL                        IDs on stdin; R ID restored, N ID not there, T ID taken, F ID why
 *   restore-postfix DIR RUN POSTCAT SENDMAIL CONFIG   ID, QUEUE, SENDER, N, N recipients per message on stdin
 *   purge DIR MAXAGE_S CAP_KB                         P RUN KB WHY per run purged (WHY: age, size, empty)
 * </pre>
 * Exit status 2: malformed argument; 3: no such spool or queue directory; 4: the quarantine
 * directory cannot be used (permission, a symbolic link, another owner).
 */
public final class QuarantineScript {
    /** Exit status when keeping the messages would exceed the quarantine's size cap. */
    public static final int EXIT_CAP = 8;
    /** Exit status when the target's free space would drop below the minimum. */
    public static final int EXIT_NO_SPACE = 9;

    static final String SCRIPT = """
            # qctl quarantine ($1 = verb, $2 = quarantine directory; see QuarantineScript.java)
            LC_ALL=C; export LC_ALL
            umask 077
            what=$1; qdir=$2
            shift 2
            case $qdir in /*) ;; *) echo "qctl: the quarantine directory must be an absolute path" >&2; exit 2 ;; esac
            valid_run() { case $1 in ""|*[!0-9a-z-]*) return 1 ;; esac; return 0; }
            valid_id() { case $1 in ""|*[!0-9A-Za-z-]*) return 1 ;; esac; return 0; }
            number() { case $1 in ""|*[!0-9]*) echo "qctl: malformed number" >&2; exit 2 ;; esac; }
            own_dir() {
              if [ -L "$qdir" ] || { [ -e "$qdir" ] && [ ! -d "$qdir" ]; }; then
                echo "qctl: the quarantine directory $qdir is not a directory (a symbolic link?): refusing to use it" >&2; exit 4
              fi
              if [ ! -d "$qdir" ] && ! mkdir -p "$qdir" 2>/dev/null; then
                echo "qctl: cannot create the quarantine directory $qdir: permission denied" >&2; exit 4
              fi
              parent=${qdir%/*}
              if [ -n "$parent" ] && { [ -L "$parent" ] || { p=$(ls -ldn "$parent" | awk '{ print $3 }'); [ "$p" != 0 ] && [ "$p" != "$(id -u)" ]; }; }; then
                echo "qctl: $parent (above the quarantine directory) is a symbolic link or belongs to another user: refusing to use it" >&2; exit 4
              fi
              owner=$(ls -ldn "$qdir" | awk '{ print $3 }')
              if [ "$owner" != "$(id -u)" ]; then
                echo "qctl: the quarantine directory $qdir belongs to uid $owner, not $(id -u): refusing to use it" >&2; exit 4
              fi
              chmod 700 "$qdir" 2>/dev/null
            }
            available_kb() { df -Pk "$qdir" | awk 'NR == 2 { print $4 }'; }
            used_kb() { du -sk "$1" 2>/dev/null | awk '{ print $1 }'; }
            list_runs() {
              for d in "$qdir"/*; do
                [ -d "$d" ] && [ -f "$d/run" ] || continue
                n=${d##*/}
                valid_run "$n" || continue
                t=$(awk '$1 == "time" { print $2; exit }' "$d/run")
                printf '%s %s\\n' "${t:-0}" "$n"
              done | sort -n
            }
            purge_runs() {
              age=$1; cap=$2; room=$3; now=$(date +%s); total=0
              if [ "$cap" -gt 0 ]; then total=$(used_kb "$qdir"); fi
              list_runs > "$qdir/.runs.$$"
              while read -r t n; do
                d=$qdir/$n
                kb=$(used_kb "$d")
                if [ $((now - t)) -ge "$age" ]; then why=age
                elif [ "$cap" -gt 0 ] && [ $((total + room)) -gt "$cap" ]; then why=size
                elif [ $((now - t)) -ge 60 ] && [ -z "$(find "$d" -type f ! -name run ! -name split | head -n 1)" ]; then why=empty
                else continue
                fi
                rm -rf "$d" && { echo "P $n $kb $why"; total=$((total - kb)); }
              done < "$qdir/.runs.$$"
              rm -f "$qdir/.runs.$$"
            }
            copy() {
              if [ -s "$1" ]; then xargs sh -c 'exec cp -p -- "$@" "$0"' "$2" < "$1" 2>/dev/null; fi
              return 0
            }
            new_run() {
              valid_run "$1" || { echo "qctl: malformed run ID" >&2; exit 2; }
              r=$qdir/$1
              mkdir -p "$r" || exit 4
              [ -f "$r/run" ] || printf 'run %s\\ntime %s\\nmta %s\\n' "$1" "$(date +%s)" "$2" > "$r/run"
            }
            enough_space() {
              avail=$(available_kb)
              if [ "$avail" -lt "$1" ]; then echo "NOSPACE $avail"; exit 9; fi
            }
            case $what in
            prepare)
              minfree=$1; need=$2; age=$3; cap=$4
              number "$minfree"; number "$need"; number "$age"; number "$cap"
              own_dir
              if [ "$cap" -gt 0 ] && [ "$need" -gt "$cap" ]; then echo "CAP $cap"; exit 8; fi
              purge_runs "$age" "$cap" "$need"
              enough_space $((minfree + need))
              ;;
            store-exim)
              run=$1; minfree=$2; spool=$3
              number "$minfree"
              own_dir
              enough_space "$minfree"
              cd "$spool" 2>/dev/null || { echo "qctl: cannot enter the Exim spool directory $spool" >&2; exit 3; }
              new_run "$run" exim
              mkdir -p "$r/input" "$r/msglog" || exit 4
              t=.$$
              : > "$r/$t.d"; : > "$r/$t.h"; : > "$r/$t.l"; : > "$r/$t.ids"
              while IFS= read -r id; do
                valid_id "$id" || { echo "qctl: malformed message ID" >&2; exit 2; }
                x=${id#?????}; x=${x%"${x#?}"}
                if [ -f "input/$id-H" ]; then s=input; l=msglog/$id
                elif [ -f "input/$x/$id-H" ]; then s=input/$x; l=msglog/$x/$id; echo "$id" >> "$r/split"
                else echo "N $id"; continue
                fi
                echo "$s/$id-D" >> "$r/$t.d"; echo "$s/$id-H" >> "$r/$t.h"; echo "$id" >> "$r/$t.ids"
                if [ -f "$l" ]; then echo "$l" >> "$r/$t.l"; fi
              done
              copy "$r/$t.d" "$r/input"; copy "$r/$t.l" "$r/msglog"; copy "$r/$t.h" "$r/input"
              while IFS= read -r id; do
                if [ -f "$r/input/$id-H" ] && [ -f "$r/input/$id-D" ]; then echo "Q $id"
                else rm -f "$r/input/$id-H" "$r/input/$id-D" "$r/msglog/$id"; echo "F $id"
                fi
              done < "$r/$t.ids"
              rm -f "$r/$t.d" "$r/$t.h" "$r/$t.l" "$r/$t.ids"
              ;;
            store-postfix)
              run=$1; minfree=$2; queues=$3
              number "$minfree"
              own_dir
              enough_space "$minfree"
              cd "$queues" 2>/dev/null || { echo "qctl: cannot enter the Postfix queue directory $queues" >&2; exit 3; }
              new_run "$run" postfix
              t=.$$
              : > "$r/$t.ids"
              while IFS= read -r id; do
                valid_id "$id" || { echo "qctl: malformed message ID" >&2; exit 2; }
                echo "$id" >> "$r/$t.ids"
              done
              : > "$r/$t.seen"
              for q in incoming active deferred hold; do
                [ -d "$q" ] || continue
                find "$q" -type f | awk 'NR == FNR { want[$1] = 1; next } { n = $0; sub(".*/", "", n); if (n in want) print }' "$r/$t.ids" - > "$r/$t.$q"
                if [ -s "$r/$t.$q" ]; then
                  mkdir -p "$r/$q" && copy "$r/$t.$q" "$r/$q"
                  awk '{ n = $0; sub(".*/", "", n); print n }' "$r/$t.$q" >> "$r/$t.seen"
                fi
                rm -f "$r/$t.$q"
              done
              while IFS= read -r id; do
                if [ -f "$r/incoming/$id" ] || [ -f "$r/active/$id" ] || [ -f "$r/deferred/$id" ] || [ -f "$r/hold/$id" ]; then echo "Q $id"
                else echo "U $id"
                fi
              done < "$r/$t.ids" | awk 'NR == FNR { seen[$1] = 1; next } $1 == "U" { print (($2 in seen) ? "F " : "N ") $2; next } { print }' "$r/$t.seen" -
              rm -f "$r/$t.ids" "$r/$t.seen"
              ;;
            runs)
              [ -e "$qdir" ] || exit 0
              own_dir
              list_runs | while read -r t n; do
                m=$(awk '$1 == "mta" { print $2; exit }' "$qdir/$n/run")
                echo "R $n $t ${m:-unknown} $(used_kb "$qdir/$n")"
              done
              ;;
            envelopes)
              run=$1; postcat=$2; conf=$3
              valid_run "$run" || exit 2
              own_dir
              cd "$qdir/$run" 2>/dev/null || exit 0
              for q in incoming active deferred hold; do
                if [ -d "$q" ]; then find "$q" -type f; fi
              done > ".files.$$"
              if [ -n "$conf" ]; then set -- -c "$conf" -e; else set -- -e; fi
              if [ -s ".files.$$" ]; then xargs "$postcat" "$@" < ".files.$$" 2>/dev/null; fi
              rm -f ".files.$$"
              ;;
            restore-exim)
              run=$1; spool=$2
              valid_run "$run" || exit 2
              own_dir
              r=$qdir/$run
              cd "$spool" 2>/dev/null || { echo "qctl: cannot enter the Exim spool directory $spool" >&2; exit 3; }
              owner=$(ls -ldn input | awk '{ print $3 ":" $4 }')
              while IFS= read -r id; do
                valid_id "$id" || { echo "qctl: malformed message ID" >&2; exit 2; }
                x=${id#?????}; x=${x%"${x#?}"}
                if [ ! -f "$r/input/$id-H" ] || [ ! -f "$r/input/$id-D" ]; then echo "N $id"; continue; fi
                if [ -e "input/$id-H" ] || [ -e "input/$x/$id-H" ] || [ -e "input/$id-D" ] || [ -e "input/$x/$id-D" ]; then echo "T $id"; continue; fi
                if grep -qx "$id" "$r/split" 2>/dev/null; then s=input/$x; l=msglog/$x; else s=input; l=msglog; fi
                for dir in "$s" "$l"; do
                  if [ ! -d "$dir" ]; then mkdir -p "$dir" && chown "$owner" "$dir" && chmod 750 "$dir"; fi
                done
                if ! { cp -p "$r/input/$id-D" "$s/.qctl-$id-D" && mv -f "$s/.qctl-$id-D" "$s/$id-D"; }; then
                  rm -f "$s/.qctl-$id-D"; echo "F $id cannot write $s/$id-D"; continue
                fi
                if [ -f "$r/msglog/$id" ]; then cp -p "$r/msglog/$id" "$l/$id" 2>/dev/null; fi
                if ! { cp -p "$r/input/$id-H" "$s/.qctl-$id-H" && mv -f "$s/.qctl-$id-H" "$s/$id-H"; }; then
                  rm -f "$s/.qctl-$id-H" "$s/$id-D" "$l/$id"; echo "F $id cannot write $s/$id-H"; continue
                fi
                rm -f "$r/input/$id-H" "$r/input/$id-D" "$r/msglog/$id"
                echo "R $id"
              done
              ;;
            restore-postfix)
              run=$1; postcat=$2; sendmail=$3; conf=$4
              valid_run "$run" || exit 2
              own_dir
              r=$qdir/$run
              [ -d "$r" ] || r=$qdir/.none
              one() {
                id=$1; q=$2; sender=$3; shift 3
                f=$r/$q/$id
                if [ ! -f "$f" ]; then echo "N $id"; return; fi
                if [ -n "$conf" ]; then "$postcat" -c "$conf" -bh "$f"; else "$postcat" -bh "$f"; fi > "$r/.msg.$$" 2>"$r/.err.$$" || {
                  echo "F $id postcat: $(tail -n 1 "$r/.err.$$")"; return; }
                [ -n "$sender" ] || sender='<>'
                if [ -n "$conf" ]; then "$sendmail" -C "$conf" -i -f "$sender" -- "$@"; else "$sendmail" -i -f "$sender" -- "$@"; fi < "$r/.msg.$$" > /dev/null 2>"$r/.err.$$" || {
                  echo "F $id sendmail: $(tail -n 1 "$r/.err.$$")"; return; }
                rm -f "$f"
                echo "R $id"
              }
              while IFS= read -r id && IFS= read -r q && IFS= read -r sender && IFS= read -r n; do
                valid_id "$id" || { echo "qctl: malformed message ID" >&2; exit 2; }
                case $q in incoming|active|deferred|hold) ;; *) echo "qctl: malformed queue name" >&2; exit 2 ;; esac
                number "$n"
                set --
                i=0
                while [ "$i" -lt "$n" ] && IFS= read -r a; do set -- "$@" "$a"; i=$((i + 1)); done
                one "$id" "$q" "$sender" "$@" < /dev/null
              done
              rm -f "$r/.msg.$$" "$r/.err.$$"
              ;;
            purge)
              age=$1; cap=$2
              number "$age"; number "$cap"
              [ -e "$qdir" ] || exit 0
              own_dir
              purge_runs "$age" "$cap" 0
              ;;
            *) echo "qctl: unknown quarantine verb" >&2; exit 2 ;;
            esac
            """;

    private QuarantineScript() {
    }

    /** The script, to install on a host whose sudoers pins {@code sh FILE VERB …} ({@code qctl hosts quarantine-script}). */
    public static String script() {
        return SCRIPT;
    }

    /** {@code sh -c SCRIPT sh VERB DIR ARGS…}. */
    public static Command command(String verb, String dir, String... args) {
        return commandWith(null, verb, dir, args);
    }

    /**
     * @param installed the installed copy of the script on the target, run as {@code sh FILE VERB DIR ARGS…}
     *                  (see {@link FixedScript}), or null to pass it inline
     */
    public static Command commandWith(String installed, String verb, String dir, String... args) {
        List<String> argv = new ArrayList<>(List.of(verb, dir));
        argv.addAll(List.of(args));
        return FixedScript.command(SCRIPT, installed, argv);
    }
}
