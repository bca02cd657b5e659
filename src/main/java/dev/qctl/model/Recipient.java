package dev.qctl.model;

/**
 * One envelope recipient.
 *
 * @param address the address as the MTA stores it (UTF-8, not decoded further)
 * @param status  where delivery to it stands
 * @param reason  the last delay reason the MTA recorded, or null
 */
public record Recipient(String address, RecipientStatus status, String reason) {
    public Recipient {
        if (address == null) {
            throw new IllegalArgumentException("recipient address is null");
        }
        if (status == null) {
            status = reason == null ? RecipientStatus.PENDING : RecipientStatus.DEFERRED;
        }
    }

    public static Recipient of(String address, String reason) {
        return new Recipient(address, null, reason);
    }

    public String domain() {
        return Addresses.domainOf(address);
    }
}
