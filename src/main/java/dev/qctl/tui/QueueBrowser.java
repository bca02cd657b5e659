package dev.qctl.tui;

import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Action;
import dev.qctl.model.Sanitizer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;

/**
 * The full-screen loop: raw mode on the alternate screen, keys through a {@link BindingReader},
 * drawing through JLine's {@link Display}. The queue is read on a background thread and handed to
 * the UI thread through an event queue; only the UI thread touches the {@link QueueView}.
 */
public final class QueueBrowser {
    enum Op {
        UP, DOWN, PAGE_UP, PAGE_DOWN, HOME, END, SORT, REVERSE, MARK, MARK_ALL, UNMARK,
        HOLD, RELEASE, REQUEUE, DELIVER, BOUNCE, DELETE, OPEN, FILTER, POP_FILTER, CLEAR_FILTERS,
        PAUSE, SUBJECTS, REFRESH, HELP, QUIT, BACK, INSERT, BACKSPACE, KILL_LINE, ACCEPT, CANCEL, YES, NO, RAW, IGNORE
    }

    private enum Mode { LIST, PROMPT, CONFIRM, PAGER, HELP }

    /** How often a partial list is shown while the queue is still streaming in. */
    private static final long PROGRESS_MILLIS = 250;

    private final Terminal terminal;
    private final QueueLoader loader;
    private final TuiActions actions;
    private final Clock clock;
    private final Duration refresh;
    private final QueueView view;
    private final Screen screen = new Screen(ZoneId.systemDefault());
    private final LinkedBlockingQueue<Runnable> events = new LinkedBlockingQueue<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "qctl-tui-worker");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean quit = new AtomicBoolean();

    private Display display;
    private BindingReader bindings;
    private Size size = new Size(80, 24);
    private Mode mode = Mode.LIST;
    private final StringBuilder prompt = new StringBuilder();
    private String promptError = "";
    private Action pendingAction;
    private List<QueuedMessage> pendingTargets = List.of();
    private Pager pager;
    private QueuedMessage pagerMessage;
    private boolean pagerRaw;
    private boolean busy;
    private boolean loadRunning;
    private boolean firstLoadDone;
    private Instant lastLoadEnd = Instant.EPOCH;
    private boolean resized = true;
    /** Hosts that could not be reached at the start (host → why): named in the status bar throughout. */
    private Map<String, String> unreachable = Map.of();
    /** Each host's queue as last read, in the order of the hosts (UI thread only). */
    private final Map<String, List<QueuedMessage>> queues = new LinkedHashMap<>();
    /** Hosts whose last read failed, with why (UI thread only). */
    private final Map<String, String> failures = new LinkedHashMap<>();
    /** A host's queue came in since the view last got them. */
    private boolean queuesChanged;

    /** @param parallel how many hosts' queues are read at once */
    public QueueBrowser(Terminal terminal, List<Target> targets, TuiActions actions, Clock clock, Duration refresh,
            int parallel) {
        this.terminal = terminal;
        this.loader = new QueueLoader(targets, parallel, PROGRESS_MILLIS);
        this.actions = actions;
        this.clock = clock;
        this.refresh = refresh;
        this.view = new QueueView(clock);
        view.setHosts(targets.stream().map(Target::host).toList());
    }

    /**
     * The hosts of the run that could not be reached (host → why) and are left out: the HOST
     * column and the status bar count them with the others, as down.
     */
    public void leftOut(List<String> allHosts, Map<String, String> failed) {
        unreachable = Map.copyOf(failed);
        view.setHosts(allHosts);
        List<String> named = new ArrayList<>();
        failed.forEach((host, why) -> named.add(Sanitizer.inline(host) + " (" + Sanitizer.inline(why) + ")"));
        view.setMessage("cannot reach " + String.join(", ", named));
    }

    /** A filter to start with (from the command line), shown and removable like one typed at the prompt. */
    public void startWith(FilterQuery query) {
        view.pushFilter(query);
    }

    /** Runs until the user quits; the terminal is restored however this ends. */
    public void run() throws IOException {
        Attributes saved = terminal.enterRawMode();
        Terminal.SignalHandler oldWinch = terminal.handle(Terminal.Signal.WINCH, s -> {
            resized = true;
            events.add(() -> { });
        });
        Terminal.SignalHandler oldInt = terminal.handle(Terminal.Signal.INT, s -> quit.set(true));
        Thread restoreOnExit = new Thread(() -> restore(saved), "qctl-tui-restore");
        Runtime.getRuntime().addShutdownHook(restoreOnExit);
        try {
            terminal.puts(Capability.enter_ca_mode);
            terminal.puts(Capability.keypad_xmit);
            terminal.puts(Capability.cursor_invisible);
            terminal.flush();
            display = new Display(terminal, true);
            bindings = new BindingReader(terminal.reader());
            loop();
        } finally {
            worker.shutdownNow();
            restore(saved);
            terminal.handle(Terminal.Signal.WINCH, oldWinch);
            terminal.handle(Terminal.Signal.INT, oldInt);
            try {
                Runtime.getRuntime().removeShutdownHook(restoreOnExit);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook restores the terminal
            }
        }
    }

    private final AtomicBoolean restored = new AtomicBoolean();

    private void restore(Attributes saved) {
        if (!restored.compareAndSet(false, true)) {
            return;
        }
        try {
            terminal.puts(Capability.cursor_visible);
            terminal.puts(Capability.keypad_local);
            terminal.puts(Capability.exit_ca_mode);
            terminal.flush();
            terminal.setAttributes(saved);
        } catch (RuntimeException e) {
            // nothing more can be done for a terminal that went away
        }
    }

    private void loop() {
        KeyMap<Op> listKeys = listKeys();
        KeyMap<Op> promptKeys = promptKeys();
        KeyMap<Op> confirmKeys = confirmKeys();
        KeyMap<Op> pagerKeys = pagerKeys();
        startLoad();
        while (!quit.get()) {
            Runnable event;
            while ((event = events.poll()) != null) {
                event.run();
            }
            showQueues();
            if (firstLoadDone && !loadRunning && !busy && !covers(loader.wanted(), view.neededFields())) {
                view.setMessage("reading the origin and subject of every message…");
                startLoad(); // a filter or column needs fields the last read did not fetch
            }
            if (!view.paused() && firstLoadDone && !loadRunning && !busy
                    && Duration.between(lastLoadEnd, clock.instant()).compareTo(refresh) >= 0) {
                startLoad();
            }
            redraw();
            int c = bindings.peekCharacter(100);
            if (c == NonBlockingReader.READ_EXPIRED) {
                continue;
            }
            if (c == NonBlockingReader.EOF) {
                break;
            }
            KeyMap<Op> keys = switch (mode) {
                case LIST -> listKeys;
                case PROMPT -> promptKeys;
                case CONFIRM -> confirmKeys;
                case PAGER, HELP -> pagerKeys;
            };
            Op op = bindings.readBinding(keys, null, true);
            if (op != null) {
                handle(op);
            }
        }
    }

    // ---- loading ----

    private void startLoad() {
        loader.want(view.neededFields());
        loadRunning = true;
        boolean firstRound = !firstLoadDone;
        Map<String, String> failedNow = new LinkedHashMap<>();
        worker.submit(() -> {
            try {
                loader.load(firstRound ? partial -> events.add(() -> view.setMessages(partial, false)) : null,
                        host -> events.add(() -> hostRead(host, firstRound, failedNow)),
                        w -> events.add(() -> view.setMessage("warning: " + Sanitizer.inline(w))));
            } catch (InterruptedException e) {
                return; // quitting
            }
            events.add(() -> {
                loadRunning = false;
                firstLoadDone = true;
                lastLoadEnd = clock.instant();
                queuesChanged = true;
                if (!failedNow.isEmpty()) {
                    view.setMessage(readFailures(failedNow));
                }
            });
        });
    }

    /**
     * One host's queue is in: it replaces that host's part of the list (the others keep theirs
     * until their turn). The first time round the list waits for every host; later each host
     * shows as soon as it is read.
     */
    private void hostRead(QueueLoader.HostQueue host, boolean firstRound, Map<String, String> failedNow) {
        if (host.ok()) {
            queues.put(host.host(), host.messages());
            failures.remove(host.host());
        } else {
            queues.remove(host.host());
            failures.put(host.host(), host.failure());
            failedNow.put(host.host(), host.failure());
        }
        queuesChanged |= !firstRound;
    }

    /** Hands every host's latest queue to the view, at most once per turn of the loop (a re-sort of it all). */
    private void showQueues() {
        if (!queuesChanged) {
            return;
        }
        queuesChanged = false;
        List<QueuedMessage> all = new ArrayList<>();
        queues.values().forEach(all::addAll);
        Map<String, String> down = new LinkedHashMap<>(unreachable);
        down.putAll(failures);
        view.setMessages(all, true, down);
    }

    /** "cannot read the queue: why" on one host; "… on ex: why; on mx: why" with several. */
    private String readFailures(Map<String, String> failures) {
        List<String> parts = new ArrayList<>();
        failures.forEach((host, why) -> parts.add((view.severalHosts() ? "on " + Sanitizer.inline(host) + ": " : "")
                + Sanitizer.inline(why)));
        return "cannot read the queue" + (view.severalHosts() ? " " : ": ") + String.join("; ", parts);
    }

    private static boolean covers(dev.qctl.model.OptionalFields have, dev.qctl.model.OptionalFields need) {
        return have.fields().containsAll(need.fields()) && have.headers().containsAll(need.headers());
    }

    // ---- keys ----

    private void handle(Op op) {
        switch (mode) {
            case LIST -> handleList(op);
            case PROMPT -> handlePrompt(op);
            case CONFIRM -> handleConfirm(op);
            case PAGER, HELP -> handlePager(op);
        }
    }

    private void handleList(Op op) {
        switch (op) {
            case UP -> view.moveBy(-1);
            case DOWN -> view.moveBy(1);
            case PAGE_UP -> view.pageUp();
            case PAGE_DOWN -> view.pageDown();
            case HOME -> view.home();
            case END -> view.end();
            case SORT -> view.cycleSort();
            case REVERSE -> view.reverseSort();
            case MARK -> view.toggleMark();
            case MARK_ALL -> {
                view.markAllShown();
                view.setMessage(view.marks().size() + " marked");
            }
            case UNMARK -> {
                view.clearMarks();
                view.setMessage("marks cleared");
            }
            case HOLD -> confirm(Action.HOLD);
            case RELEASE -> confirm(Action.RELEASE);
            case REQUEUE -> confirm(Action.REQUEUE);
            case DELIVER -> confirm(Action.DELIVER);
            case BOUNCE -> confirm(Action.BOUNCE);
            case DELETE -> confirm(Action.DELETE);
            case OPEN -> openMessage(view.current(), false);
            case FILTER -> {
                mode = Mode.PROMPT;
                prompt.setLength(0);
                promptError = "";
                terminal.puts(Capability.cursor_visible);
            }
            case POP_FILTER -> view.setMessage(view.popFilter() ? "filter removed" : "no filter to remove");
            case CLEAR_FILTERS -> {
                view.clearFilters();
                view.setMessage("filters removed");
            }
            case SUBJECTS -> {
                view.toggleSubjects();
                view.setMessage(view.showSubjects() ? "SUBJECT column on (t hides it)" : "SUBJECT column off");
            }
            case PAUSE -> {
                view.togglePaused();
                view.setMessage(view.paused() ? "refresh paused (p resumes)" : "refresh resumed");
            }
            case REFRESH -> {
                display.clear();
                if (!loadRunning && !busy) {
                    startLoad();
                }
            }
            case HELP -> {
                mode = Mode.HELP;
                pager = new Pager("qctl tui: keys", Keys.helpLines());
            }
            case QUIT -> quit.set(true);
            default -> { }
        }
    }

    private void handlePrompt(Op op) {
        switch (op) {
            case INSERT -> {
                prompt.append(bindings.getLastBinding());
                previewPrompt();
            }
            case BACKSPACE -> {
                if (prompt.length() == 0) {
                    view.popFilter();
                } else {
                    prompt.setLength(prompt.offsetByCodePoints(prompt.length(), -1));
                    previewPrompt();
                }
            }
            case KILL_LINE -> {
                prompt.setLength(0);
                previewPrompt();
            }
            case ACCEPT -> {
                try {
                    FilterQuery q = FilterQuery.parse(prompt.toString());
                    view.preview(null);
                    view.pushFilter(q);
                    leavePrompt();
                } catch (IllegalArgumentException e) {
                    promptError = e.getMessage();
                }
            }
            case CANCEL -> {
                view.preview(null);
                leavePrompt();
            }
            default -> { }
        }
    }

    private void previewPrompt() {
        try {
            view.preview(FilterQuery.parse(prompt.toString()));
            promptError = "";
        } catch (IllegalArgumentException e) {
            promptError = e.getMessage(); // incomplete while typing: keep the last good preview
        }
    }

    private void leavePrompt() {
        mode = Mode.LIST;
        prompt.setLength(0);
        promptError = "";
        terminal.puts(Capability.cursor_invisible);
    }

    private void confirm(Action action) {
        if (busy) {
            view.setMessage("an action is still running");
            return;
        }
        List<QueuedMessage> targetsNow = view.targets();
        if (targetsNow.isEmpty()) {
            view.setMessage("no message to " + action.label());
            return;
        }
        String refusal = actions.refusal(action, targetsNow);
        if (refusal != null) {
            view.setMessage(refusal);
            return;
        }
        pendingAction = action;
        pendingTargets = targetsNow;
        mode = Mode.CONFIRM;
    }

    private void handleConfirm(Op op) {
        Action action = pendingAction;
        List<QueuedMessage> chosen = pendingTargets;
        mode = Mode.LIST;
        pendingAction = null;
        pendingTargets = List.of();
        if (op != Op.YES) {
            view.setMessage(action.label() + " cancelled: nothing was changed");
            return;
        }
        busy = true;
        view.setMessage(action.description() + ": " + count(chosen.size()) + "…");
        boolean severalHosts = view.severalHosts();
        worker.submit(() -> {
            String text;
            try {
                text = ActionReport.line(action, actions.run(action, chosen), severalHosts);
            } catch (RuntimeException e) {
                text = action.label() + " failed: " + e.getMessage(); // the browser must not stay busy
            }
            String result = text;
            events.add(() -> {
                busy = false;
                view.setMessage(Sanitizer.inline(result));
                if (action != Action.HOLD && action != Action.RELEASE) {
                    view.clearMarks();
                }
                if (!loadRunning) {
                    startLoad();
                }
            });
        });
    }

    private void openMessage(QueuedMessage m, boolean raw) {
        if (m == null) {
            return;
        }
        Target target = actions.targetOf(m.host());
        pager = MessageDocument.load(target.adapter(), m, raw, clock);
        pagerMessage = m;
        pagerRaw = raw;
        mode = Mode.PAGER;
    }

    private void handlePager(Op op) {
        switch (op) {
            case UP -> pager.scrollBy(-1);
            case DOWN -> pager.scrollBy(1);
            case PAGE_UP -> pager.pageUp();
            case PAGE_DOWN, MARK -> pager.pageDown();
            case HOME -> pager.home();
            case END -> pager.end();
            case RAW -> {
                if (mode == Mode.PAGER) {
                    openMessage(pagerMessage, !pagerRaw);
                }
            }
            case BACK, QUIT, CANCEL -> {
                mode = Mode.LIST;
                pager = null;
            }
            case REFRESH -> display.clear();
            default -> { }
        }
    }

    // ---- drawing ----

    private void redraw() {
        if (resized) {
            resized = false;
            Size now = terminal.getSize();
            size = now.getColumns() > 0 && now.getRows() > 0 ? now : new Size(80, 24);
            display.clear();
            display.resize(size.getRows(), size.getColumns());
        }
        int width = size.getColumns();
        int height = size.getRows();
        List<AttributedString> lines;
        int cursorPos;
        if (mode == Mode.PAGER || mode == Mode.HELP) {
            lines = screen.pager(pager, width, height, mode == Mode.PAGER
                    ? "q back  r raw  Up/Down PgUp/PgDn g/G" : "q back");
            cursorPos = size.cursorPos(height - 1, 0);
        } else {
            AttributedString bottom = bottomLine();
            lines = screen.list(view, width, height, bottom, clock.instant());
            cursorPos = mode == Mode.PROMPT ? size.cursorPos(height - 1, Math.min(width - 1, 1 + Screen.columns(
                    Sanitizer.inline(prompt.toString())))) : size.cursorPos(height - 1, 0);
        }
        display.update(lines, cursorPos);
    }

    private AttributedString bottomLine() {
        AttributedStringBuilder sb = new AttributedStringBuilder();
        switch (mode) {
            case PROMPT -> {
                sb.append("/").append(Sanitizer.inline(prompt.toString()));
                if (!promptError.isEmpty()) {
                    sb.append("   ").style(AttributedStyle.DEFAULT.foreground(AttributedStyle.RED))
                            .append(Sanitizer.inline(promptError)).style(AttributedStyle.DEFAULT);
                }
            }
            case CONFIRM -> sb.style(AttributedStyle.BOLD).append(capitalize(pendingAction.description())).append(" ")
                    .append(count(pendingTargets.size())).append(onHosts(pendingTargets)).append("? [y/n]")
                    .style(AttributedStyle.DEFAULT);
            default -> sb.append(Sanitizer.inline(view.message()));
        }
        return sb.toAttributedString();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String count(int n) {
        return n + (n == 1 ? " message" : " messages");
    }

    /** " on 2 hosts", " on pf" or, when the browser shows one host only, nothing. */
    private String onHosts(List<QueuedMessage> messages) {
        if (!view.severalHosts()) {
            return "";
        }
        Set<String> hosts = new LinkedHashSet<>();
        messages.forEach(m -> hosts.add(m.host()));
        return hosts.size() == 1 ? " on " + Sanitizer.inline(hosts.iterator().next()) : " on " + hosts.size() + " hosts";
    }

    // ---- key maps ----

    private KeyMap<Op> listKeys() {
        KeyMap<Op> k = base();
        bindMoves(k);
        k.bind(Op.SORT, "s");
        k.bind(Op.REVERSE, "S");
        k.bind(Op.MARK, " ");
        k.bind(Op.MARK_ALL, "*");
        k.bind(Op.UNMARK, "u");
        k.bind(Op.HOLD, "h");
        k.bind(Op.RELEASE, "r");
        k.bind(Op.REQUEUE, "R");
        k.bind(Op.DELIVER, "f");
        k.bind(Op.BOUNCE, "b");
        k.bind(Op.DELETE, "d");
        k.bind(Op.OPEN, "\r", "\n");
        k.bind(Op.FILTER, "/");
        k.bind(Op.POP_FILTER, KeyMap.del(), KeyMap.ctrl('H'), "x");
        k.bind(Op.CLEAR_FILTERS, "X");
        k.bind(Op.PAUSE, "p");
        k.bind(Op.SUBJECTS, "t");
        k.bind(Op.REFRESH, KeyMap.ctrl('L'));
        k.bind(Op.HELP, "?");
        k.bind(Op.QUIT, "q", KeyMap.ctrl('C'));
        return k;
    }

    private KeyMap<Op> promptKeys() {
        KeyMap<Op> k = base();
        k.setUnicode(Op.INSERT);
        for (char c = 32; c < 127; c++) {
            k.bind(Op.INSERT, String.valueOf(c));
        }
        k.bind(Op.BACKSPACE, KeyMap.del(), KeyMap.ctrl('H'));
        k.bind(Op.KILL_LINE, KeyMap.ctrl('U'));
        k.bind(Op.ACCEPT, "\r", "\n");
        k.bind(Op.CANCEL, KeyMap.esc(), KeyMap.ctrl('C'), KeyMap.ctrl('G'));
        return k;
    }

    private KeyMap<Op> confirmKeys() {
        KeyMap<Op> k = new KeyMap<>();
        k.setAmbiguousTimeout(150);
        k.setNomatch(Op.NO);
        k.setUnicode(Op.NO);
        k.bind(Op.YES, "y", "Y");
        return k;
    }

    private KeyMap<Op> pagerKeys() {
        KeyMap<Op> k = base();
        bindMoves(k);
        k.bind(Op.MARK, " ");
        k.bind(Op.RAW, "r");
        k.bind(Op.REFRESH, KeyMap.ctrl('L'));
        k.bind(Op.BACK, "q", KeyMap.esc(), KeyMap.ctrl('C'));
        return k;
    }

    private KeyMap<Op> base() {
        KeyMap<Op> k = new KeyMap<>();
        k.setAmbiguousTimeout(150);
        k.setNomatch(Op.IGNORE);
        return k;
    }

    private void bindMoves(KeyMap<Op> k) {
        bindKey(k, Op.UP, Capability.key_up, "\033[A", "\033OA", "k", KeyMap.ctrl('P'));
        bindKey(k, Op.DOWN, Capability.key_down, "\033[B", "\033OB", "j", KeyMap.ctrl('N'));
        bindKey(k, Op.PAGE_UP, Capability.key_ppage, "\033[5~", KeyMap.ctrl('B'));
        bindKey(k, Op.PAGE_DOWN, Capability.key_npage, "\033[6~", KeyMap.ctrl('F'));
        bindKey(k, Op.HOME, Capability.key_home, "\033[H", "\033OH", "\033[1~", "\033[7~", "g");
        bindKey(k, Op.END, Capability.key_end, "\033[F", "\033OF", "\033[4~", "\033[8~", "G");
    }

    private void bindKey(KeyMap<Op> k, Op op, Capability cap, String... fallbacks) {
        String seq = KeyMap.key(terminal, cap);
        if (seq != null && !seq.isEmpty()) {
            k.bind(op, seq);
        }
        k.bind(op, fallbacks);
    }
}
