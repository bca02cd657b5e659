package dev.qctl.tui;

import java.util.List;

/** Every key of the browser with what it does: the help screen ({@code ?}) and the docs show this table. */
public final class Keys {
    public record Key(String keys, String action) {
    }

    public static final List<Key> LIST = List.of(
            new Key("Up/Down, k/j", "move the cursor"),
            new Key("PgUp/PgDn, Ctrl-B/Ctrl-F", "move one page"),
            new Key("Home/End, g/G", "first / last message"),
            new Key("s / S", "sort by the next column (HOST too, with several hosts) / reverse the sort"),
            new Key("/", "filter prompt, narrows as you type; Enter keeps it, Esc cancels"),
            new Key("  words", "match sender, recipients, ID, reason or host"),
            new Key("  key:value", "from:*@spam.example to:… queue:hold reason:… host:mx*"),
            new Key("  origin", "user:alice@* (SMTP AUTH login) client:192.0.2.0/24 subject:*invoice*"),
            new Key("  comparisons", "age>2h age<10m size>1M size<10K; bounces; \"…\" for spaces"),
            new Key("Backspace, x", "remove the last filter (also Backspace on an empty prompt)"),
            new Key("X", "remove all filters"),
            new Key("Space", "mark / unmark the message, move down"),
            new Key("*", "mark every message shown (all that match the filters)"),
            new Key("u", "clear all marks"),
            new Key("h", "hold the marked messages (or the current one), on every host they are on"),
            new Key("r", "release from hold"),
            new Key("R", "requeue"),
            new Key("f", "try to deliver now"),
            new Key("b", "bounce to the sender"),
            new Key("d", "delete without bounce"),
            new Key("y / n", "answer the confirmation of an action"),
            new Key("Enter", "open the message (envelope, headers, body; Exim: message log)"),
            new Key("t", "show / hide the SUBJECT column"),
            new Key("p", "pause / resume the live refresh"),
            new Key("Ctrl-L", "refresh now and redraw"),
            new Key("?", "this help"),
            new Key("q, Ctrl-C", "quit"));

    public static final List<Key> PAGER = List.of(
            new Key("Up/Down, k/j", "scroll one line"),
            new Key("PgUp/PgDn, Space, Ctrl-B/Ctrl-F", "scroll one page"),
            new Key("Home/End, g/G", "top / bottom"),
            new Key("r", "message view (with the origin: SASL user, client, HELO): toggle the raw message"),
            new Key("q, Esc", "back to the list"));

    private Keys() {
    }

    /** The help text: both tables, keys aligned. */
    public static List<String> helpLines() {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("Queue list");
        LIST.forEach(k -> lines.add(String.format("  %-26s %s", k.keys(), k.action())));
        lines.add("");
        lines.add("Message view and help");
        PAGER.forEach(k -> lines.add(String.format("  %-26s %s", k.keys(), k.action())));
        return lines;
    }
}
