package dev.qctl.mta.postfix;

/**
 * Postfix's queue listings print the null sender as {@code MAILER-DAEMON} (a real sender is always
 * qualified with a domain, so the bare word is unambiguous); the record uses "".
 */
final class PostfixSender {
    static final String NULL_SENDER = "MAILER-DAEMON";

    private PostfixSender() {
    }

    static String fromPostfix(String sender) {
        return sender == null || sender.isEmpty() || sender.equals(NULL_SENDER) ? "" : sender;
    }
}
