package dev.qctl.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Run as root, qctl refuses a config file (and a local exim binary the config names) that another
 * user could change, as sshd's StrictModes does: whoever can write it can make root run any command.
 * The file and every directory above it must be owned by root and not writable by group or others
 * (a sticky directory such as /tmp is fine: others cannot replace what root owns there).
 */
public final class StrictModes {
    private final boolean root;

    public StrictModes(boolean root) {
        this.root = root;
    }

    /** For this process: root when its uid is 0. */
    public static StrictModes forThisProcess() {
        boolean root;
        try {
            root = Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            root = "root".equals(System.getProperty("user.name"));
        }
        return new StrictModes(root);
    }

    /** @throws ConfigException one line naming the file (or directory) and who can write it */
    public void check(Path file, String what) {
        if (!root) {
            return;
        }
        Path p;
        try {
            p = file.toRealPath(); // symbolic links resolved: what is checked is what is read
        } catch (IOException e) {
            return; // a file that cannot be inspected fails later, where it is read, with its own error
        }
        boolean first = true;
        for (Path at = p; at != null; at = at.getParent(), first = false) {
            try {
                Object owner = Files.getAttribute(at, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(at, LinkOption.NOFOLLOW_LINKS);
                boolean sticky = !first && (((Integer) Files.getAttribute(at, "unix:mode", LinkOption.NOFOLLOW_LINKS))
                        & 01000) != 0;
                if (!Integer.valueOf(0).equals(owner)) {
                    throw new ConfigException("refusing " + what + " " + file + ": running as root, but "
                            + (first ? "it" : at.toString()) + " is owned by uid " + owner + ", who could change it "
                            + "(chown root it, as sshd's StrictModes requires)");
                }
                if (!sticky && (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE))) {
                    throw new ConfigException("refusing " + what + " " + file + ": running as root, but "
                            + (first ? "it" : at.toString()) + " is writable by "
                            + (perms.contains(PosixFilePermission.OTHERS_WRITE) ? "every user" : "its group")
                            + " (chmod go-w it, as sshd's StrictModes requires)");
                }
            } catch (IOException e) {
                return; // a file that cannot be inspected fails later, where it is read, with its own error
            }
        }
    }
}
