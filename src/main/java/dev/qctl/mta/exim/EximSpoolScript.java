package dev.qctl.mta.exim;

import dev.qctl.exec.Command;
import dev.qctl.mta.FixedScript;
import java.util.List;

/**
 * The one command that reads Exim's spool for a listing: a fixed POSIX sh script (no value is ever
 * pasted into it) run as {@code sh -c SCRIPT sh SPOOLDIR [ID]}, so it works the same locally, under
 * sudo and over SSH. It needs only sh, find, awk, xargs and stat or ls; no Perl, no process per message.
 *
 * <p>What it does: {@code find input -name '*-H'} (split_spool_directory's {@code input/X/} included)
 * hands the -H files a few thousand at a time to {@code awk ... | xargs stat | awk ...}: one
 * {@code stat -c '%s %n'} (or {@code ls -ln} where stat has no -c, as on the BSDs) gives the sizes of
 * the -H and -D files, then awk prints, per message, in this line protocol:
 * <pre>
 *   M input/X/ID-H HSIZE DSIZE     a message; a size is "-" when the file was gone
 *   H                              the -H file follows (V instead: it could not be opened)
 *   J                              the -J journal follows (addresses delivered by an interrupted run)
 *   L                              the msglog follows (msglog/X/ID or msglog/ID)
 *   .TEXT                          one line of the file announced last, with '.' put in front
 *   E STATUS                       the end: find's exit status
 * </pre>
 * Every file line is prefixed with '.', so no content, however hostile, can forge a marker.
 * awk prints a newline after a last line that had none; the -H file's size shows that case.
 * Exit status 3: no such spool directory; 4: permission denied; 2: malformed ID.
 */
final class EximSpoolScript {
    static final String SCRIPT = """
            # qctl: list the Exim queue by reading the spool in one pass ($1 = spool directory, then optional message IDs)
            LC_ALL=C; export LC_ALL
            spool=$1
            if [ ! -d "$spool" ]; then echo "qctl: no Exim spool directory $spool" >&2; exit 3; fi
            if ! cd "$spool" 2>/dev/null; then echo "qctl: cannot enter the Exim spool directory $spool: permission denied" >&2; exit 4; fi
            if [ ! -d input ]; then echo "E 0"; exit 0; fi
            if [ ! -r input ] || [ ! -x input ]; then echo "qctl: cannot read $spool/input: permission denied" >&2; exit 4; fi
            QCTL_NAMES='
            BEGIN {
              for (i = 1; i < ARGC; i++) {
                if (ARGV[i] !~ "^input/([0-9A-Za-z]/)?[0-9A-Za-z-]+-H$") continue
                d = ARGV[i]; sub("H$", "D", d)
                print ARGV[i]; print d
              }
              exit
            }'
            QCTL_READ='
            function dump(tag, f,    line, r) {
              r = (getline line < f)
              if (r < 0) return 0
              print tag
              while (r > 0) { print "." line; r = (getline line < f) }
              close(f)
              return 1
            }
            BEGIN { n = ARGC - 1; for (i = 1; i < ARGC; i++) { h[i] = ARGV[i]; ARGV[i] = "" } }
            NF == 2 && $1 ~ "^[0-9]+$" { size[$2] = $1; next }
            $1 ~ "^-" && NF >= 6 { size[$NF] = $5 }
            END {
              for (i = 1; i <= n; i++) {
                p = h[i]
                if (p !~ "^input/([0-9A-Za-z]/)?[0-9A-Za-z-]+-H$") continue
                base = substr(p, 1, length(p) - 1); d = base "D"
                print "M " p " " ((p in size) ? size[p] : "-") " " ((d in size) ? size[d] : "-")
                if (!dump("H", p)) print "V"
                dump("J", base "J")
                id = substr(base, 1, length(base) - 1); sub("^.*/", "", id)
                if (p ~ "^input/./") { l1 = "msglog/" substr(p, 7, 1) "/" id; l2 = "msglog/" id }
                else { l1 = "msglog/" id; l2 = "msglog/" substr(id, 6, 1) "/" id }
                if (!dump("L", l1)) dump("L", l2)
              }
            }'
            export QCTL_NAMES QCTL_READ
            if stat -c "%s %n" -- . >/dev/null 2>&1; then
              batch='awk "$QCTL_NAMES" "$@" | xargs stat -c "%s %n" -- 2>/dev/null | awk "$QCTL_READ" "$@"'
            else
              batch='awk "$QCTL_NAMES" "$@" | xargs ls -ln -- 2>/dev/null | awk "$QCTL_READ" "$@"'
            fi
            if [ $# -ge 2 ]; then
              shift
              for id do
                case $id in ""|*[!0-9A-Za-z-]*) echo "qctl: malformed message ID" >&2; exit 2 ;; esac
              done
              n=$#
              for id do
                # split_spool_directory keeps a message in input/C/, C its ID's sixth character: no
                # glob, which would read the whole input directory (100k names) for every ID
                rest=${id#?????}; sub=${rest%"${rest#?}"}
                for h in "input/$id-H" "input/$sub/$id-H"; do
                  if [ -f "$h" ]; then set -- "$@" "$h"; fi
                done
              done
              shift $n
              if [ $# -gt 0 ]; then sh -c "$batch" sh "$@"; fi
              echo "E 0"
            else
              find input -type f -name '*-H' -exec sh -c "$batch" sh {} +
              echo "E $?"
            fi
            """;

    private EximSpoolScript() {
    }

    /** Reads every message in the spool. */
    static Command listAll(String spoolDirectory) {
        return listAll(spoolDirectory, null);
    }

    /** Reads the messages with these (already validated) IDs that are there. */
    static Command listSome(String spoolDirectory, List<String> ids) {
        return listSome(spoolDirectory, ids, null);
    }

    /**
     * @param installed the script installed on the host (root-owned), or null to pass it inline:
     *                  {@code sh PATH SPOOL} can be pinned in sudoers, {@code sh -c SCRIPT} cannot (a
     *                  rule for it is a rule for any shell command)
     */
    static Command listAll(String spoolDirectory, String installed) {
        return FixedScript.command(SCRIPT, installed, List.of(spoolDirectory));
    }

    static Command listSome(String spoolDirectory, List<String> ids, String installed) {
        List<String> args = new java.util.ArrayList<>(List.of(spoolDirectory));
        args.addAll(ids);
        return FixedScript.command(SCRIPT, installed, args);
    }
}
