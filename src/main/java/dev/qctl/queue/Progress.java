package dev.qctl.queue;

/** How far a long piece of work has come: the CLI draws it on a terminal, elsewhere it is silent. */
public interface Progress extends AutoCloseable {
    Progress NONE = new Progress() {
        @Override
        public void advance(long n) {
        }

        @Override
        public void close() {
        }
    };

    /** Where the work has a known size, its total; else it counts without one. */
    default void total(long total) {
    }

    void advance(long n);

    /** The work is over: the display is cleared. */
    @Override
    void close();
}
