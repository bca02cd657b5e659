package dev.qctl.mta;

import dev.qctl.exec.Command;
import dev.qctl.exec.RunningCommand;
import dev.qctl.exec.Transport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Turns a running command's stdout into a lazy stream of records. When the output ends, the exit
 * status is checked and a failure becomes an exception from {@link CommandFailures}; closing the
 * stream early stops the command.
 */
public final class CommandStreams {
    private CommandStreams() {
    }

    public static <T> Stream<T> records(Transport transport, Command command,
                                        Function<BufferedReader, Iterator<T>> parser, String mtaName) {
        return fromBytes(transport, command, stdout -> parser.apply(new BufferedReader(
                new InputStreamReader(stdout, StandardCharsets.UTF_8), 64 * 1024)), mtaName);
    }

    /** The same for a parser that reads the command's bytes itself (no decoding into text first). */
    public static <T> Stream<T> fromBytes(Transport transport, Command command,
                                          Function<InputStream, Iterator<T>> parser, String mtaName) {
        RunningCommand running = transport.start(command);
        try {
            running.stdin().close();
        } catch (IOException ignored) {
            // nothing to send
        }
        Iterator<T> parsed = parser.apply(running.stdout());
        Iterator<T> checked = new Iterator<>() {
            private boolean finished;

            @Override
            public boolean hasNext() {
                if (parsed.hasNext()) {
                    return true;
                }
                if (!finished) {
                    finished = true;
                    int exit = running.waitFor();
                    if (exit != 0) {
                        throw CommandFailures.explain(mtaName, command, exit, running.stderr());
                    }
                }
                return false;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return parsed.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(checked, Spliterator.ORDERED), false)
                .onClose(running::close);
    }
}
