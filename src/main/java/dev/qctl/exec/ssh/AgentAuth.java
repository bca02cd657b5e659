package dev.qctl.exec.ssh;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.Message;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AbstractAuthMethod;
import net.schmizz.sshj.userauth.method.AuthMethod;

/**
 * Public key authentication with one key held by ssh-agent: offer the key, and when the server
 * accepts it (SSH_MSG_USERAUTH_PK_OK) let the agent sign. RSA keys are offered as rsa-sha2-512.
 */
final class AgentAuth extends AbstractAuthMethod {
    private final AgentClient agent;
    private final AgentClient.Identity identity;
    private final String algorithm;

    private AgentAuth(AgentClient agent, AgentClient.Identity identity) {
        super("publickey");
        this.agent = agent;
        this.identity = identity;
        this.algorithm = identity.type().equals("ssh-rsa") ? "rsa-sha2-512" : identity.type();
    }

    /** One method per agent key; an unreachable agent is noted and skipped, as ssh does. */
    static AgentClient methods(Path socket, List<AuthMethod> methods, List<String> tried) {
        try {
            AgentClient agent = AgentClient.open(socket);
            for (AgentClient.Identity id : agent.identities()) {
                methods.add(new AgentAuth(agent, id));
                tried.add("agent key " + id.comment());
            }
            return agent;
        } catch (IOException | RuntimeException e) {
            tried.add("agent at " + socket + " (unusable: " + SshConnector.rootMessage(e) + ")");
            return null;
        }
    }

    @Override
    protected SSHPacket buildReq() throws UserAuthException {
        return request(false);
    }

    private SSHPacket request(boolean signed) throws UserAuthException {
        return super.buildReq().putBoolean(signed).putString(algorithm).putString(identity.blob());
    }

    @Override
    public void handle(Message cmd, SSHPacket buf) throws UserAuthException, TransportException {
        if (cmd != Message.USERAUTH_60) {
            super.handle(cmd, buf);
            return;
        }
        SSHPacket req = request(true);
        byte[] toSign = new Buffer.PlainBuffer()
                .putString(params.getTransport().getSessionID())
                .putBuffer(req)
                .getCompactData();
        try {
            int flags = algorithm.equals("rsa-sha2-512") ? AgentClient.RSA_SHA2_512 : 0;
            req.putString(agent.sign(identity.blob(), toSign, flags));
        } catch (IOException e) {
            throw new UserAuthException("ssh-agent could not sign with " + identity.comment(), e);
        }
        params.getTransport().write(req);
    }
}
