package dev.qctl.model;

/**
 * Who handed a message to the MTA, as the MTA recorded it; every member is null when not recorded.
 *
 * @param saslUsername  the SMTP AUTH login (Postfix sasl_username, Exim -auth_id)
 * @param saslMethod    the SASL mechanism (Postfix sasl_method; Exim records only the authenticator's name)
 * @param clientAddress the SMTP client's IP address
 * @param clientName    its host name as the MTA looked it up ("unknown" when the lookup failed)
 * @param helo          what the client said in HELO/EHLO
 * @param protocol      how it arrived: ESMTP, ESMTPA, ESMTPSA, local (as the MTA spells it, upper-cased)
 * @param localUser     for local submissions: the submitting login (Exim); null for Postfix, which records the uid
 * @param localUid      for local submissions: the submitting uid (Postfix "from userid N", Exim's owner line)
 */
public record MessageOrigin(
        String saslUsername,
        String saslMethod,
        String clientAddress,
        String clientName,
        String helo,
        String protocol,
        String localUser,
        Integer localUid) {

    public static final MessageOrigin UNKNOWN = new MessageOrigin(null, null, null, null, null, null, null, null);

    /** Submitted on this machine (sendmail, pickup) rather than over SMTP. */
    public boolean local() {
        return clientAddress == null && (localUser != null || localUid != null);
    }

    /** The account to name: the SASL login, else the local user or uid, else null. */
    public String account() {
        if (saslUsername != null) {
            return saslUsername;
        }
        if (localUser != null) {
            return localUser;
        }
        return localUid == null ? null : "uid " + localUid;
    }
}
