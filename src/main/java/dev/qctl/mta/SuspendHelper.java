package dev.qctl.mta;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.exec.Command;
import dev.qctl.exec.CommandResult;
import dev.qctl.exec.Transport;
import dev.qctl.model.Mta;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The fixed sh script that alone writes qctl's suspension map on a host: installed there by
 * {@code qctl setup suspend} at {@link #PATH}, run by qctl ({@code show}, {@code put} with the new
 * map on stdin) and every minute by cron ({@code expire}: drops entries past their time, so a
 * {@code --for} ends even when no qctl runs). It needs only sh, cksum, cmp, mv, date and mkdir; it
 * checks every line it is given (only suspension entries of the one map named, nothing else), so a
 * sudoers rule can pin it: {@code PATH ^(show|put|expire) postfix /etc/postfix/qctl-suspend ...$}
 * (it is executable, so no rule names a shell). A
 * {@code put} names the checksum of the map it replaces ({@code show} prints it): a map changed
 * meanwhile (another qctl, the expiry job) is refused with exit 4, and qctl reads it again.
 */
public final class SuspendHelper {
    public static final String PATH = "/usr/local/lib/qctl/suspend.sh";
    public static final String CRON_DIR = "/etc/cron.d";
    static final int CHANGED_MEANWHILE = 4;
    static final int NO_MAP = 3;
    static final String VERSION = "version 1";

    static final String SCRIPT = """
#!/bin/sh
# qctl suspend helper, version 1: installed by `qctl setup suspend`, run by qctl and by cron.
# It alone writes qctl's suspension map, whose content qctl sends on stdin; it checks every line.
#   sh suspend.sh show   MTA MAP               the map: "version 1", "sum CRC-SIZE", then ".LINE" per line
#   sh suspend.sh put    MTA MAP CONFDIR SUM   replace the map with stdin if it still has checksum SUM
#   sh suspend.sh expire MTA MAP CONFDIR       drop entries past their time (cron, every minute)
# MTA postfix: postmap the map and reload Postfix after a change; exim: nothing (lsearch is read per lookup).
# Exit status: 0 done, 2 bad arguments or content, 3 no map (not set up), 4 map changed meanwhile, 1 other.
PATH=/usr/sbin:/usr/bin:/sbin:/bin:/usr/local/sbin:/usr/local/bin; export PATH
LC_ALL=C; export LC_ALL
umask 022
set -f
fail() { code=$1; shift; echo "qctl-suspend: $*" >&2; exit "$code"; }
[ $# -ge 3 ] || fail 2 "usage: suspend.sh show|put|expire MTA MAP [CONFDIR [SUM]]"
cmd=$1 mta=$2 map=$3 confdir=${4:-}
case $mta in postfix|exim) ;; *) fail 2 "unknown MTA '$mta'" ;; esac
case $map in /*) ;; *) fail 2 "the map must be an absolute path" ;; esac
case $map in *[!A-Za-z0-9_./-]*) fail 2 "unusual characters in the map path" ;; esac
tab=$(printf '\\t')

sum_of() { # the map's checksum as show prints it; "-" when there is none
  if [ -f "$1" ]; then set -- $(cksum < "$1"); echo "$1-$2"; else echo -; fi
}

domain_ok() {
  case $1 in ''|*[!A-Za-z0-9.-]*|-*|.*) return 1 ;; esac
  [ ${#1} -le 253 ]
}

# every line of a map: empty, a comment, "#qctl DOMAIN SINCE UNTIL BY", or "DOMAIN<TAB>VALUE"
check() {
  n=0
  while IFS= read -r line || [ -n "$line" ]; do
    n=$((n + 1))
    case $line in *[[:cntrl:]]*) case ${line%%"$tab"*}${line#*"$tab"} in *[[:cntrl:]]*) fail 2 "line $n: control characters" ;; esac ;; esac
    case $line in
      '') ;;
      '#qctl '*)
        set -- ${line#'#qctl '}
        [ $# -eq 4 ] || fail 2 "line $n: expected '#qctl DOMAIN SINCE UNTIL BY'"
        domain_ok "$1" || fail 2 "line $n: bad domain"
        case $2$3 in *[!0-9]*) fail 2 "line $n: bad time" ;; esac
        case $4 in *[!A-Za-z0-9._@-]*) fail 2 "line $n: bad user" ;; esac ;;
      '#'*) case $line in *"$tab"*) fail 2 "line $n: tab in a comment" ;; esac ;;
      *"$tab"*)
        domain_ok "${line%%"$tab"*}" || fail 2 "line $n: bad domain"
        value=${line#*"$tab"}
        case $value in *"$tab"*) fail 2 "line $n: more than one tab" ;; esac
        if [ "$mta" = postfix ]; then
          case $value in 'retry:'?*) ;; *) fail 2 "line $n: a Postfix entry must be retry:REASON" ;; esac
        else
          case $value in '"'*|'') fail 2 "line $n: an Exim entry must be a plain reason" ;; esac
        fi ;;
      *) fail 2 "line $n: not an entry" ;;
    esac
  done
}

lock() {
  i=0
  while ! mkdir "$map.lock" 2>/dev/null; do
    i=$((i + 1))
    [ $i -le 100 ] || fail 1 "$map.lock is held by another run for 10s (remove it if no qctl runs)"
    sleep 0.1 2>/dev/null || sleep 1
  done
  trap 'rmdir "$map.lock" 2>/dev/null' EXIT
  trap 'exit 1' HUP INT TERM
}

# installs $new as the map (it must differ), rebuilds and reloads what reads it
install_new() {
  chmod 644 "$new" || fail 1 "cannot set the mode of $new"
  mv -f "$new" "$map" || fail 1 "cannot replace $map"
  if [ "$mta" = postfix ]; then
    if [ -n "$confdir" ]; then
      postmap -c "$confdir" "$map" || fail 1 "postmap $map failed"
      if postfix -c "$confdir" status >/dev/null 2>&1; then postfix -c "$confdir" reload >/dev/null 2>&1 || fail 1 "postfix reload failed"; fi
    else
      postmap "$map" || fail 1 "postmap $map failed"
      if postfix status >/dev/null 2>&1; then postfix reload >/dev/null 2>&1 || fail 1 "postfix reload failed"; fi
    fi
  fi
}

case $cmd in
  show)
    [ -f "$map" ] || fail 3 "no suspension map $map (run: qctl setup suspend)"
    echo "version 1"
    echo "sum $(sum_of "$map")"
    while IFS= read -r line || [ -n "$line" ]; do printf '.%s\\n' "$line"; done < "$map"
    ;;
  put)
    [ $# -eq 5 ] || fail 2 "usage: suspend.sh put MTA MAP CONFDIR SUM"
    expected=$5
    case $confdir in -) confdir= ;; esac
    new="$map.qctl-new.$$"
    cat > "$new" || { rm -f "$new"; fail 1 "cannot write $new"; }
    ( check < "$new" ) || { rm -f "$new"; exit 2; }
    lock
    current=$(sum_of "$map")
    if [ "$current" != "$expected" ]; then rm -f "$new"; fail 4 "$map changed meanwhile (checksum $current, expected $expected)"; fi
    if [ -f "$map" ] && cmp -s "$new" "$map"; then rm -f "$new"; echo unchanged; exit 0; fi
    install_new
    echo changed
    ;;
  expire)
    [ -f "$map" ] || exit 0
    case $confdir in -) confdir= ;; esac
    now=$(date +%s)
    lock
    new="$map.qctl-new.$$"
    drop=
    : > "$new" || fail 1 "cannot write $new"
    while IFS= read -r line || [ -n "$line" ]; do
      case $line in
        '#qctl '*)
          set -- ${line#'#qctl '}
          if [ $# -eq 4 ] && [ "$3" != 0 ] && [ "$3" -le "$now" ] 2>/dev/null; then drop=$1; continue; fi ;;
        *"$tab"*)
          if [ -n "$drop" ] && [ "${line%%"$tab"*}" = "$drop" ]; then drop=; continue; fi ;;
      esac
      printf '%s\\n' "$line" >> "$new"
    done < "$map"
    if cmp -s "$new" "$map"; then rm -f "$new"; exit 0; fi
    install_new
    echo expired
    ;;
  *) fail 2 "unknown command '$cmd'" ;;
esac
            """;

    private final Transport transport;
    private final Mta mta;
    private final String map;
    private final String configDir;

    /** @param configDir Postfix's configuration directory when it is not the default one, else null */
    public SuspendHelper(Transport transport, Mta mta, String map, String configDir) {
        this.transport = transport;
        this.mta = mta;
        this.map = map;
        this.configDir = configDir;
    }

    /** The script as it is installed on a host. */
    public static String script() {
        return SCRIPT;
    }

    public String map() {
        return map;
    }

    private String mtaWord() {
        return mta == Mta.POSTFIX ? "postfix" : "exim";
    }

    private String dir() {
        return configDir == null ? "-" : configDir;
    }

    public Command show() {
        return Command.of(PATH, "show", mtaWord(), map);
    }

    public Command put(String sum) {
        return Command.of(PATH, "put", mtaWord(), map, dir(), sum);
    }

    public Command expire() {
        return Command.of(PATH, "expire", mtaWord(), map, dir());
    }

    /** The cron.d file that runs {@link #expire} every minute, named after the MTA and the map. */
    public String cronFile() {
        return CRON_DIR + "/qctl-suspend-" + mtaWord() + map.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-+$", "");
    }

    public String cronContent() {
        return "# qctl setup suspend: ends suspensions given with --for, also when no qctl runs\n"
                + "* * * * * root " + expire().display() + " >/dev/null\n";
    }

    /** The map as it is now on the host: its checksum (for {@link #put}) and its text. */
    public record Current(String sum, String text) {
    }

    /** Reads the map; a host without it (or without the script) gets the setup command to run. */
    public Current read() {
        CommandResult r = transport.run(show());
        if (r.exitCode() == NO_MAP || r.exitCode() == 127 || r.exitCode() == 126 || r.stderr().contains(PATH)) {
            throw notSetUp(transport.target());
        }
        if (!r.ok()) {
            throw CommandFailures.explain("qctl's suspend helper", show(), r.exitCode(), r.stderr());
        }
        String[] lines = r.stdout().split("\n", -1);
        if (lines.length < 2 || !lines[0].equals(VERSION) || !lines[1].startsWith("sum ")) {
            throw new QctlException(ExitCode.ERROR, "the suspend helper on " + transport.target() + " (" + PATH
                    + ") is not the one this qctl installs: run qctl setup suspend again");
        }
        StringBuilder text = new StringBuilder();
        for (int i = 2; i < lines.length; i++) {
            if (lines[i].startsWith(".")) {
                text.append(lines[i], 1, lines[i].length()).append('\n');
            }
        }
        return new Current(lines[1].substring(4).strip(), text.toString());
    }

    /** Replaces the map if it still has checksum {@code sum}; false when it changed meanwhile. */
    public boolean write(String sum, String text) {
        Command command = put(sum);
        CommandResult r = transport.run(command, text.getBytes(StandardCharsets.UTF_8));
        if (r.exitCode() == CHANGED_MEANWHILE) {
            return false;
        }
        if (!r.ok()) {
            throw CommandFailures.explain("qctl's suspend helper", command, r.exitCode(), r.stderr());
        }
        return true;
    }

    public static QctlException notSetUp(String host) {
        return new QctlException(ExitCode.USAGE, "suspending is not set up on " + host + ": run qctl setup suspend"
                + ("local".equals(host) ? "" : " -H " + host) + " (it shows the change and asks first)");
    }

    static List<String> lines(String text) {
        return List.of(text.split("\n", -1));
    }
}
