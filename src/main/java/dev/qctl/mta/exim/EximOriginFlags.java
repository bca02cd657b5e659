package dev.qctl.mta.exim;

import dev.qctl.model.MessageOrigin;
import java.util.Locale;

/**
 * The origin of a message from its -H file: the flags Exim writes on reception ({@code -auth_id},
 * {@code -host_auth_pubname}, {@code -host_address}, {@code -host_name}, {@code -helo_name},
 * {@code -received_protocol}, {@code -ident}) and the owner line ({@code login uid gid}: the caller
 * of exim, which for a local submission is the submitting user).
 */
final class EximOriginFlags {
    private final String ownerLogin;
    private final Integer ownerUid;
    private String authId;
    private String authMethod;
    private String hostAddress;
    private String hostName;
    private String helo;
    private String protocol;
    private String ident;

    EximOriginFlags(String ownerLine) {
        String[] parts = ownerLine.strip().split(" +");
        ownerLogin = parts.length > 0 && !parts[0].isEmpty() ? parts[0] : null;
        ownerUid = parts.length > 1 && parts[1].matches("\\d{1,9}") ? Integer.valueOf(parts[1]) : null;
    }

    /** Takes a flag line (without its dashes) if it is one of the origin's; false for others. */
    boolean take(String flag) {
        int space = flag.indexOf(' ');
        if (space <= 0) {
            return false;
        }
        String value = flag.substring(space + 1);
        switch (flag.substring(0, space)) {
            case "auth_id" -> authId = value;
            case "host_auth_pubname" -> authMethod = value;
            case "host_auth" -> {
                if (authMethod == null) {
                    authMethod = value;
                }
            }
            case "host_address" -> hostAddress = address(value);
            case "host_name" -> hostName = value;
            case "helo_name" -> helo = value;
            case "received_protocol" -> protocol = value.toUpperCase(Locale.ROOT);
            case "ident" -> ident = value;
            default -> {
                return false;
            }
        }
        return true;
    }

    /** "[127.0.0.1]:37650" (Exim 4.92 and later) or "127.0.0.1.37650" (before): the address without the port. */
    static String address(String value) {
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            return close > 0 ? value.substring(1, close) : value;
        }
        int dot = value.lastIndexOf('.');
        return dot > 0 && value.substring(dot + 1).matches("\\d+") ? value.substring(0, dot) : value;
    }

    MessageOrigin origin() {
        boolean local = hostAddress == null;
        String localUser = local ? (ident != null ? ident : ownerLogin) : null;
        Integer localUid = local ? ownerUid : null;
        return new MessageOrigin(authId, authMethod, hostAddress, hostName, helo, protocol, localUser, localUid);
    }
}
