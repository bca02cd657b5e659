package dev.qctl.queue;

import dev.qctl.model.MessageOrigin;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What {@code --client} selects: an IP address (exact), a network in CIDR notation
 * ({@code 192.0.2.0/24}, {@code 2001:db8::/32}), or else a pattern (glob or /regex/, see
 * {@link TextPattern}) on the client's name or address. A value with a "/" that is not a valid
 * network is an error, never silently a pattern that matches nothing.
 */
public final class ClientMatch {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final String source;
    private final byte[] network;
    private final int prefix;
    private final TextPattern pattern;

    private ClientMatch(String source, byte[] network, int prefix, TextPattern pattern) {
        this.source = source;
        this.network = network;
        this.prefix = prefix;
        this.pattern = pattern;
    }

    public static ClientMatch parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty client");
        }
        if (t.startsWith("/")) {
            return new ClientMatch(t, null, 0, TextPattern.wholeMatch(t));
        }
        int slash = t.indexOf('/');
        if (slash >= 0) {
            byte[] net = literal(t.substring(0, slash));
            String bits = t.substring(slash + 1);
            if (net == null || !bits.matches("\\d{1,3}") || Integer.parseInt(bits) > net.length * 8) {
                throw new IllegalArgumentException("invalid network '" + t + "' (expected an address/prefix like 192.0.2.0/24 or 2001:db8::/32)");
            }
            return new ClientMatch(t, net, Integer.parseInt(bits), null);
        }
        byte[] address = literal(t);
        if (address != null) {
            return new ClientMatch(t, address, address.length * 8, null);
        }
        if (IPV4.matcher(t).matches()) {
            throw new IllegalArgumentException("invalid IP address '" + t + "'");
        }
        return new ClientMatch(t, null, 0, TextPattern.wholeMatch(t));
    }

    /** The bytes of an IP address literal, or null when the text is not one (no name lookups). */
    static byte[] literal(String text) {
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (t.regionMatches(true, 0, "IPv6:", 0, 5)) {
            t = t.substring(5); // how Postfix writes some IPv6 client addresses
        }
        boolean v4 = IPV4.matcher(t).matches();
        if (!v4 && !IPV6.matcher(t).matches()) {
            return null;
        }
        if (v4) {
            for (String part : t.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return null;
                }
            }
        }
        try {
            return InetAddress.getByName(t).getAddress(); // a literal: never a lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }

    public boolean matches(MessageOrigin origin) {
        if (origin == null) {
            return false;
        }
        if (pattern != null) {
            return pattern.matches(origin.clientName()) || pattern.matches(origin.clientAddress());
        }
        byte[] address = origin.clientAddress() == null ? null : literal(origin.clientAddress());
        return address != null && inNetwork(address);
    }

    private boolean inNetwork(byte[] address) {
        byte[] a = address;
        if (a.length == 16 && network.length == 4 && isMappedV4(a)) {
            a = java.util.Arrays.copyOfRange(a, 12, 16);
        }
        if (a.length != network.length) {
            return false;
        }
        int bits = a.length * 8;
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .shiftRight(prefix).not().and(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
        return new BigInteger(1, a).and(mask).equals(new BigInteger(1, network).and(mask));
    }

    private static boolean isMappedV4(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff;
    }

    @Override
    public String toString() {
        return source.toLowerCase(Locale.ROOT);
    }
}
