package dev.qctl.exec.openssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qctl.exec.ssh.SshConnectionException;
import dev.qctl.exec.ssh.SshConnectionException.Reason;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What OpenSSH 9.2 really prints for each failure (captured against the sandbox sshd). */
class SshFailuresTest {
    private static final SshFailures.Where WHERE = new SshFailures.Where("mx1", "qctl@mx1", "127.0.0.1:2222",
            Duration.ofSeconds(3));

    private static SshConnectionException classify(String stderr) {
        return SshFailures.classify(255, stderr, WHERE).orElseThrow();
    }

    @Test
    void refusedUnresolvableAndSilentHostsAreUnreachable() {
        SshConnectionException refused = classify("ssh: connect to host 127.0.0.1 port 2298: Connection refused\n");
        assertThat(refused.reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(refused.getMessage()).isEqualTo("cannot connect to mx1 (127.0.0.1:2222): connection refused "
                + "(ssh: connect to host 127.0.0.1 port 2298: Connection refused)");

        SshConnectionException silent = classify("Connection timed out during banner exchange\n"
                + "Connection to 127.0.0.1 port 2299 timed out\n");
        assertThat(silent.reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(silent.getMessage()).startsWith("cannot connect to mx1 (127.0.0.1:2222): no SSH answer within 3s");

        assertThat(classify("ssh: Could not resolve hostname nosuch.invalid: Name or service not known\n").getMessage())
                .startsWith("cannot connect to mx1 (127.0.0.1:2222): unknown host");
        assertThat(classify("ssh: connect to host 192.0.2.1 port 22: No route to host\n").getMessage())
                .contains("no route to host");
    }

    @Test
    void aJumpHostThatRefusesIsNamedInSshsOwnWords() {
        SshConnectionException e = classify("ssh: connect to host 127.0.0.1 port 2298: Connection refused\n"
                + "kex_exchange_identification: Connection closed by remote host\n"
                + "Connection closed by UNKNOWN port 65535\n");
        assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(e.getMessage()).contains("connection refused", "port 2298");
    }

    @Test
    void unknownHostKey() {
        SshConnectionException e = classify("No ED25519 host key is known for [127.0.0.1]:2222 and you have requested "
                + "strict checking.\nHost key verification failed.\n");
        assertThat(e.reason()).isEqualTo(Reason.HOST_KEY_UNKNOWN);
        assertThat(e.getMessage()).startsWith("host key of mx1 ([127.0.0.1]:2222) is not known: ssh refuses the ED25519 key")
                .endsWith("run 'qctl hosts trust mx1' to record it");
    }

    @Test
    void changedHostKeyCarriesTheFingerprintAndTheOffendingFile() {
        SshConnectionException e = classify("""
                @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
                @    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @
                @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
                IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!
                Someone could be eavesdropping on you right now (man-in-the-middle attack)!
                It is also possible that a host key has just been changed.
                The fingerprint for the ED25519 key sent by the remote host is
                SHA256:gpgG++4UIXzrOs1E5TAOOeK5brFWmj3pBCT8nsLUz8I.
                Please contact your system administrator.
                Add correct host key in /tmp/exp17/changed_kh to get rid of this message.
                Offending ED25519 key in /tmp/exp17/changed_kh:1
                  remove with:
                  ssh-keygen -f "/tmp/exp17/changed_kh" -R "[127.0.0.1]:2222"
                Host key for [127.0.0.1]:2222 has changed and you have requested strict checking.
                Host key verification failed.
                """);
        assertThat(e.reason()).isEqualTo(Reason.HOST_KEY_CHANGED);
        assertThat(e.getMessage()).isEqualTo("HOST KEY CHANGED for mx1 ([127.0.0.1]:2222): the server offers ED25519 key "
                + "SHA256:gpgG++4UIXzrOs1E5TAOOeK5brFWmj3pBCT8nsLUz8I, which does not match /tmp/exp17/changed_kh:1 "
                + "(a reinstalled server, or an attack); check it, remove the old entry and run 'qctl hosts trust mx1'");
    }

    @Test
    void refusedKeysAreAnAuthenticationFailure() {
        SshConnectionException e = classify("nosuchuser@127.0.0.1: Permission denied (publickey).\n");
        assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION);
        assertThat(e.getMessage()).isEqualTo("qctl@mx1: authentication failed (ssh: nosuchuser@127.0.0.1: Permission "
                + "denied (publickey).)");
    }

    @Test
    void aLostMasterIsADisconnection() {
        SshConnectionException e = classify("mux_client_request_session: read from master failed: Broken pipe\n");
        assertThat(e.reason()).isEqualTo(Reason.DISCONNECTED);
        assertThat(e.getMessage()).startsWith("the connection to mx1 was lost");
    }

    @Test
    void theRemoteCommandsOwnStatusAndWordsAreLeftAlone() {
        assertThat(SshFailures.classify(255, "exim: spool file is locked\n", WHERE)).isEmpty();
        assertThat(SshFailures.classify(1, "ssh: connect to host x port 22: Connection refused\n", WHERE)).isEmpty();
        assertThat(SshFailures.classify(0, "", WHERE)).isEmpty();
        assertThat(SshFailures.classify(255, "", WHERE)).isEmpty();
    }
}
