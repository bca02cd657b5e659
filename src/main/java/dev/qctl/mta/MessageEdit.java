package dev.qctl.mta;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Changes to one queued message's envelope (Exim only): a new sender, added recipients,
 * recipients marked delivered, or every recipient marked delivered.
 */
public record MessageEdit(String sender, List<String> addRecipients, List<String> markDelivered, boolean markAllDelivered) {
    /** An envelope address: no spaces or control characters, no leading '-' that an MTA could read as an option. */
    private static final Pattern ADDRESS = Pattern.compile("[^\\s\\p{Cntrl}<>\\-][^\\s\\p{Cntrl}<>]*@[^\\s\\p{Cntrl}<>@]+|");

    public MessageEdit {
        addRecipients = List.copyOf(addRecipients);
        markDelivered = List.copyOf(markDelivered);
        if (sender != null) {
            require(sender, true);
        }
        addRecipients.forEach(a -> require(a, false));
        markDelivered.forEach(a -> require(a, false));
        if (sender == null && addRecipients.isEmpty() && markDelivered.isEmpty() && !markAllDelivered) {
            throw new IllegalArgumentException("nothing to edit: give --sender, --add-recipient, --mark-delivered "
                    + "or --mark-all-delivered");
        }
    }

    private static void require(String address, boolean emptyAllowed) {
        if ((address.isEmpty() && !emptyAllowed) || !ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException("invalid address '" + dev.qctl.model.Sanitizer.inline(address)
                    + "': expected local@domain" + (emptyAllowed ? " (or \"\" for the null sender)" : ""));
        }
    }
}
